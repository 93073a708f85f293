namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// A revision of a rule that hunt and serve skip, because another revision of its <c>rule_id</c>
/// runs: Kibana keeps one rule per <c>rule_id</c>, and both revisions would write alerts with the same ids.
/// </summary>
/// <param name="Rule">The skipped revision.</param>
/// <param name="Kept">The revision that runs.</param>
/// <param name="Basis">
/// Why <paramref name="Kept"/> is newer, such as <c>version 3 is higher than 2</c>; null when
/// version and update date do not decide, and <paramref name="Kept"/> comes first in path order.
/// </param>
public sealed record SupersededRevision(DetectionRule Rule, DetectionRule Kept, string? Basis)
{
    /// <summary>
    /// Why <see cref="Kept"/> cannot run either, such as an unsupported rule type, or null when it
    /// runs. Kibana would run the newest revision, so no older one runs in its place.
    /// </summary>
    public string? KeptCannotRun { get; init; }

    /// <summary>Why the revision is skipped, naming the revision that runs in its place or why none runs.</summary>
    public string Reason => (Basis, KeptCannotRun) switch
    {
        (null, null) => $"rule_id {Rule.RuleId} is also the rule_id of {Location(Kept)}, and their version and update date do not decide which revision is newer, so {Location(Kept)} runs in its place because it comes first in path order; set a higher version or a later updated date on the revision that should run",
        (null, { } cannotRun) => $"rule_id {Rule.RuleId} is also the rule_id of {Location(Kept)}, and their version and update date do not decide which revision is newer, so {Location(Kept)} is taken as the newest because it comes first in path order, and it cannot run ({cannotRun}), so no revision of this rule_id runs; set a higher version or a later updated date on the revision that should run",
        ({ } basis, null) => $"older revision of rule_id {Rule.RuleId}: {Location(Kept)} runs in its place because {basis}",
        ({ } basis, { } cannotRun) => $"older revision of rule_id {Rule.RuleId}: {Location(Kept)} is the newest revision because {basis}, and it cannot run ({cannotRun}), so no revision of this rule_id runs",
    };

    /// <summary>
    /// The fix that ends the skip and its warning: moving the older file out of the rule folders,
    /// or removing the older object from an export that contains both revisions.
    /// </summary>
    public string Fix => Rule.SourcePath is not null && Rule.SourcePath == Kept.SourcePath
        ? "remove the older revision from the file"
        : "move the older file out of the rule folders";

    /// <summary>Returns the rule's file, with the line of a rule in an NDJSON export.</summary>
    public static string Location(DetectionRule rule) =>
        (rule.SourcePath ?? "built-in") + (rule.SourceLine is { } line ? $"({line})" : "");
}
