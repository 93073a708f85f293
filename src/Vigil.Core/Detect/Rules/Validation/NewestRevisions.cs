namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Selects the revision of each <c>rule_id</c> that hunt and serve run. Kibana keeps one rule per
/// <c>rule_id</c>, and revisions that both ran would write alerts with the same ids.
/// </summary>
internal static class NewestRevisions
{
    /// <summary>
    /// Returns <paramref name="rules"/> without the older revisions of each <c>rule_id</c>, and each
    /// revision left out with the one that runs in its place. Copies of the newest revision all stay,
    /// and validate reports them as duplicates. <paramref name="cannotRun"/> returns why a newest
    /// revision cannot run, or null; by default, why a hunt cannot run it.
    /// </summary>
    public static (IReadOnlyList<DetectionRule> Rules, IReadOnlyList<SupersededRevision> Superseded) Select(
        IReadOnlyList<DetectionRule> rules,
        Func<DetectionRule, string?>? cannotRun = null)
    {
        ArgumentNullException.ThrowIfNull(rules);

        var superseded = RuleIdConflicts.Find(rules, cannotRun).Superseded;
        if (superseded.Count == 0)
        {
            return (rules, []);
        }

        var skipped = superseded.Select(revision => revision.Rule).ToHashSet(ReferenceEqualityComparer.Instance);
        return ([.. rules.Where(rule => !skipped.Contains(rule))], superseded);
    }
}
