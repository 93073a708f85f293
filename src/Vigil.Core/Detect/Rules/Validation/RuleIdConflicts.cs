using Vigil.Detect.Kql;

namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Finds rule files that share a <c>rule_id</c>. Two files with the same <c>rule_id</c> and the
/// same revision are a duplicate, which Kibana cannot import both of. Different revisions are the
/// history of one rule: each older revision gets a warning, and hunt and serve run only the newest.
/// Inside one file, such as a Kibana export, each repeat of a <c>rule_id</c> is a duplicate
/// whatever its revision, because Kibana's import reports an error for each repeat.
/// </summary>
/// <remarks>
/// A revision is the rule's <c>version</c> together with its <c>[metadata] updated_date</c>.
/// Detection-rules TOML files carry no <c>version</c> (its version lock file does), so there the
/// update date distinguishes the revisions. Two files without either are the same revision.
/// <see cref="RuleRevisionOrder"/> decides which revision is the newest.
/// </remarks>
internal sealed class RuleIdConflicts
{
    private readonly List<RuleLoadError> _errors = [];
    private readonly List<RuleWarning> _warnings = [];
    private readonly HashSet<DetectionRule> _duplicates = new(ReferenceEqualityComparer.Instance);
    /// <summary>What to do about a repeated rule_id and revision, the end of each such error.</summary>
    public const string DuplicateFix = "give one of the rules a new rule_id (a random UUID), or a later version when it is a newer revision of the same rule";

    /// <summary>The fix for a rule_id repeated inside one file, the end of each such error.</summary>
    public const string RepeatFix = "keep one object per rule_id in the file, or give this one a new rule_id (a random UUID)";

    private readonly List<(DetectionRule Rule, RuleLoadError Error, string Problem, string Fix)> _duplicateErrors = [];

    /// <summary>What to do about an older revision of a rule, the fix of each such lint finding.</summary>
    public const string OlderRevisionFix = "move the older file out of the folders that hunt and serve load rules from; when version and update date do not decide, set a higher version or a later updated date on the revision that should run";

    private readonly List<(DetectionRule Rule, RuleWarning Warning)> _olderRevisions = [];

    private readonly List<SupersededRevision> _superseded = [];

    private readonly Func<DetectionRule, string?> _cannotRun;

    private RuleIdConflicts(Func<DetectionRule, string?> cannotRun) => _cannotRun = cannotRun;

    /// <summary>One error for each rule that repeats the rule_id and revision of an earlier file.</summary>
    public IReadOnlyList<RuleLoadError> Errors => _errors;

    /// <summary>One warning for each older revision of a rule whose newest revision is among the files.</summary>
    public IReadOnlyList<RuleWarning> Warnings => _warnings;

    /// <summary>True when <paramref name="rule"/> got a duplicate error, so it is not valid.</summary>
    public bool IsDuplicate(DetectionRule rule) => _duplicates.Contains(rule);

    /// <summary>
    /// Each rule that repeats an earlier rule's rule_id and revision, or an earlier rule_id of its
    /// file, with its error, the error's message without the fix, and the fix.
    /// </summary>
    public IReadOnlyList<(DetectionRule Rule, RuleLoadError Error, string Problem, string Fix)> DuplicateErrors => _duplicateErrors;

    /// <summary>Each older revision of a rule whose newest revision is among the files, with its warning.</summary>
    public IReadOnlyList<(DetectionRule Rule, RuleWarning Warning)> OlderRevisions => _olderRevisions;

    /// <summary>Each rule, copies of an older revision included, that hunt and serve skip for a newer revision of its rule_id.</summary>
    public IReadOnlyList<SupersededRevision> Superseded => _superseded;

    /// <summary>
    /// Finds the conflicts among <paramref name="rules"/>. <paramref name="cannotRun"/> returns why
    /// the newest revision of a rule_id cannot run, or null when it can; by default, why a hunt
    /// cannot run it.
    /// </summary>
    public static RuleIdConflicts Find(IReadOnlyList<DetectionRule> rules, Func<DetectionRule, string?>? cannotRun = null)
    {
        var conflicts = new RuleIdConflicts(cannotRun ?? (rule => RuleSupport.CannotRunReason(rule, FieldMapping.CloudTrail)));
        foreach (var group in rules.GroupBy(rule => rule.RuleId, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var repeats = conflicts.AddRepeats([.. group]);
            var revisions = group.GroupBy(Revision).ToList();
            revisions.ForEach(revision => conflicts.AddDuplicates(revision, repeats));
            if (revisions.Count > 1)
            {
                conflicts.AddHistory(revisions, repeats);
            }
        }

        return conflicts;
    }

    /// <summary>
    /// Adds a duplicate error for each rule whose file has an earlier rule with its rule_id, and
    /// returns those rules. Kibana's import (<c>POST /api/detection_engine/rules/_import</c>)
    /// reports "More than one rule with rule-id" for each of them, whatever their versions.
    /// </summary>
    private HashSet<DetectionRule> AddRepeats(IReadOnlyList<DetectionRule> sameRuleId)
    {
        var repeats = new HashSet<DetectionRule>(ReferenceEqualityComparer.Instance);
        var firstInFile = new Dictionary<string, DetectionRule>(StringComparer.Ordinal);
        foreach (var rule in sameRuleId.Where(rule => rule.SourcePath is not null))
        {
            if (!firstInFile.TryAdd(rule.SourcePath!, rule))
            {
                repeats.Add(rule);
                var first = firstInFile[rule.SourcePath!];
                AddDuplicate(rule, $"duplicate rule_id \"{rule.RuleId}\" ({RuleRevisionOrder.Describe(rule)}): {SupersededRevision.Location(first)} in the same file has the same rule_id, which Kibana's import rejects (\"More than one rule with rule-id\")", RepeatFix);
            }
        }

        return repeats;
    }

    private void AddDuplicates(IGrouping<(int Version, string? UpdatedDate), DetectionRule> revision, HashSet<DetectionRule> repeats)
    {
        var first = revision.First();
        foreach (var duplicate in revision.Skip(1).Where(rule => !repeats.Contains(rule)))
        {
            AddDuplicate(duplicate, $"duplicate rule_id \"{duplicate.RuleId}\" ({RuleRevisionOrder.Describe(duplicate)}): {SupersededRevision.Location(first)} has the same rule_id and revision", DuplicateFix);
        }
    }

    private void AddDuplicate(DetectionRule duplicate, string problem, string fix)
    {
        _duplicates.Add(duplicate);
        var error = RuleSource.Read(duplicate).ToError("rule.rule_id", null, $"{problem}; {fix}");
        _errors.Add(error);
        _duplicateErrors.Add((duplicate, error, problem, fix));
    }

    /// <summary>
    /// Warns about each older revision in another file than the newest. An older revision in the
    /// newest one's file already has a duplicate error, on itself or on the newest.
    /// </summary>
    private void AddHistory(IReadOnlyList<IGrouping<(int Version, string? UpdatedDate), DetectionRule>> revisions, HashSet<DetectionRule> repeats)
    {
        var newest = Newest(revisions.Select(revision => revision.First()).ToList());
        var newestCannotRun = _cannotRun(newest);
        foreach (var revision in revisions.Where(revision => !ReferenceEquals(revision.First(), newest)))
        {
            var older = revision.First();
            // In a circle of revisions the newest by path order may compare older than this one,
            // and then the order is not decided either.
            var decided = RuleRevisionOrder.Compare(newest, older, out var basis) > 0;

            // Copies of an older revision are skipped with it. Only the first gets this warning,
            // because the others already get a duplicate error.
            _superseded.AddRange(revision.Select(rule => new SupersededRevision(rule, newest, decided ? basis : null) { KeptCannotRun = newestCannotRun }));
            if (repeats.Contains(older) || older.SourcePath == newest.SourcePath)
            {
                continue;
            }

            var message = decided
                ? $"rule_id \"{older.RuleId}\" ({RuleRevisionOrder.Describe(older)}) is an older revision of {SupersededRevision.Location(newest)} ({RuleRevisionOrder.Describe(newest)}), because {basis}: {Outcome(newestCannotRun, "")}"
                : $"rule_id \"{older.RuleId}\" ({RuleRevisionOrder.Describe(older)}) is also the rule_id of {SupersededRevision.Location(newest)} ({RuleRevisionOrder.Describe(newest)}), and their version and update date do not decide which revision is newer: {Outcome(newestCannotRun, ", because it comes first in path order,")}";
            var error = RuleSource.Read(older).ToError("rule.rule_id", null, message);
            var warning = new RuleWarning(error.File, error.Line, error.Column, error.Message);
            _warnings.Add(warning);
            _olderRevisions.Add((older, warning));
        }
    }

    /// <summary>What hunt and serve do with the older revision, given why the newest cannot run (null when it can).</summary>
    private static string Outcome(string? newestCannotRun, string pathOrder) => newestCannotRun is null
        ? $"hunt and serve run only that file{pathOrder} and skip this one"
        : $"hunt and serve take that file as the newest{pathOrder} and skip this one, but that file cannot run ({newestCannotRun}), so no revision of this rule_id runs";

    /// <summary>
    /// Returns the revision that no other revision is newer than, by <see cref="RuleRevisionOrder"/>.
    /// Among several such revisions, or when the order goes in a circle, the one first in path order wins.
    /// </summary>
    private static DetectionRule Newest(IReadOnlyList<DetectionRule> revisions)
    {
        var inPathOrder = revisions
            .OrderBy(rule => rule.SourcePath, StringComparer.Ordinal)
            .ThenBy(rule => rule.SourceLine)
            .ToList();
        var unbeaten = inPathOrder.Where(rule => !inPathOrder.Any(other => RuleRevisionOrder.Compare(other, rule, out _) > 0));
        return unbeaten.FirstOrDefault() ?? inPathOrder[0];
    }

    /// <summary>Returns the revision key, which separates a copy of a revision from another revision. <see cref="RuleRevisionOrder"/> orders the revisions.</summary>
    private static (int Version, string? UpdatedDate) Revision(DetectionRule rule) => (rule.Version, RuleRevisionOrder.UpdatedText(rule));
}
