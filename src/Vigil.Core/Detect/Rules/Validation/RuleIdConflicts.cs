namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Finds rule files that share a <c>rule_id</c>. Two files with the same <c>rule_id</c> and the
/// same revision are a duplicate, which Kibana cannot import both of. Different revisions are the
/// history of one rule and only get a warning.
/// </summary>
/// <remarks>
/// A revision is the rule's <c>version</c> together with its <c>[metadata] updated_date</c>.
/// Detection-rules TOML files carry no <c>version</c> (its version lock file does), so there the
/// update date distinguishes the revisions. Two files without either are the same revision.
/// </remarks>
internal sealed class RuleIdConflicts
{
    private readonly List<RuleLoadError> _errors = [];
    private readonly List<RuleWarning> _warnings = [];
    private readonly HashSet<DetectionRule> _duplicates = new(ReferenceEqualityComparer.Instance);
    /// <summary>What to do about a repeated rule_id and revision, the end of each such error.</summary>
    public const string DuplicateFix = "give one of the rules a new rule_id (a random UUID), or a later version when it is a newer revision of the same rule";

    private readonly List<(DetectionRule Rule, RuleLoadError Error, string Problem)> _duplicateErrors = [];

    /// <summary>What to do about an older revision of a rule, the fix of each such lint finding.</summary>
    public const string OlderRevisionFix = "move the older file out of the folders that hunt loads rules from, unless both revisions should run";

    private readonly List<(DetectionRule Rule, RuleWarning Warning)> _olderRevisions = [];

    private RuleIdConflicts()
    {
    }

    /// <summary>One error for each rule that repeats the rule_id and revision of an earlier file.</summary>
    public IReadOnlyList<RuleLoadError> Errors => _errors;

    /// <summary>One warning for each older revision of a rule whose newest revision is among the files.</summary>
    public IReadOnlyList<RuleWarning> Warnings => _warnings;

    /// <summary>True when <paramref name="rule"/> got a duplicate error, so it is not valid.</summary>
    public bool IsDuplicate(DetectionRule rule) => _duplicates.Contains(rule);

    /// <summary>
    /// Each rule that repeats an earlier rule's rule_id and revision, with its error and the
    /// error's message without <see cref="DuplicateFix"/>.
    /// </summary>
    public IReadOnlyList<(DetectionRule Rule, RuleLoadError Error, string Problem)> DuplicateErrors => _duplicateErrors;

    /// <summary>Each older revision of a rule whose newest revision is among the files, with its warning.</summary>
    public IReadOnlyList<(DetectionRule Rule, RuleWarning Warning)> OlderRevisions => _olderRevisions;

    public static RuleIdConflicts Find(IReadOnlyList<DetectionRule> rules)
    {
        var conflicts = new RuleIdConflicts();
        foreach (var group in rules.GroupBy(rule => rule.RuleId, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var revisions = group.GroupBy(Revision).ToList();
            revisions.ForEach(conflicts.AddDuplicates);
            if (revisions.Count > 1)
            {
                conflicts.AddHistory(revisions.Select(revision => revision.First()).ToList());
            }
        }

        return conflicts;
    }

    private void AddDuplicates(IGrouping<(int Version, string? UpdatedDate), DetectionRule> revision)
    {
        var first = revision.First();
        foreach (var duplicate in revision.Skip(1))
        {
            _duplicates.Add(duplicate);
            var problem = $"duplicate rule_id \"{duplicate.RuleId}\" ({Describe(duplicate)}): {first.SourcePath} has the same rule_id and revision";
            var error = RuleSource.Read(duplicate).ToError("rule.rule_id", null, $"{problem}; {DuplicateFix}");
            _errors.Add(error);
            _duplicateErrors.Add((duplicate, error, problem));
        }
    }

    private void AddHistory(IReadOnlyList<DetectionRule> revisions)
    {
        var newest = revisions.OrderBy(rule => rule.Version).ThenBy(rule => rule.Metadata.UpdatedDate, StringComparer.Ordinal).Last();
        foreach (var older in revisions.Where(rule => !ReferenceEquals(rule, newest)))
        {
            var message = $"rule_id \"{older.RuleId}\" ({Describe(older)}) is an older revision of {newest.SourcePath} ({Describe(newest)}); both run when hunting with this folder";
            var error = RuleSource.Read(older).ToError("rule.rule_id", null, message);
            var warning = new RuleWarning(error.File, error.Line, error.Column, error.Message);
            _warnings.Add(warning);
            _olderRevisions.Add((older, warning));
        }
    }

    /// <summary>Returns the revision key. The newest revision has the highest version, then the latest update date, whose <c>YYYY/MM/DD</c> form sorts as text.</summary>
    private static (int Version, string? UpdatedDate) Revision(DetectionRule rule) => (rule.Version, rule.Metadata.UpdatedDate);

    /// <summary>Names the revision, leaving out the default version that files without a <c>version</c> get.</summary>
    private static string Describe(DetectionRule rule) => (rule.Version, rule.Metadata.UpdatedDate) switch
    {
        (RuleDefaults.Version, { } date) => $"updated {date}",
        (var version, { } date) => $"version {version}, updated {date}",
        (var version, null) => $"version {version}",
    };
}
