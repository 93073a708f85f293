using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Cli;

/// <summary>
/// Picks one rule per <c>rule_id</c> among copies at the same revision, for <c>vigil serve</c>.
/// The store keeps one rule per <c>rule_id</c>, so registering every copy would leave the last
/// one registered. Serve keeps the copy first in path order instead, the rule that decides
/// between revisions whose version and update date do not decide. A hunt runs every copy.
/// </summary>
internal static class SameRevisionCopies
{
    /// <summary>
    /// Returns <paramref name="rules"/> with one rule per <c>rule_id</c>, the first in path order,
    /// and each copy left out with the rule kept in its place.
    /// </summary>
    public static (IReadOnlyList<DetectionRule> Kept, IReadOnlyList<SupersededRevision> Skipped) Select(IReadOnlyList<DetectionRule> rules)
    {
        var first = rules
            .OrderBy(rule => rule.SourcePath, StringComparer.Ordinal)
            .ThenBy(rule => rule.SourceLine)
            .DistinctBy(rule => rule.RuleId, StringComparer.Ordinal)
            .ToDictionary(rule => rule.RuleId, StringComparer.Ordinal);

        var kept = rules.Where(rule => ReferenceEquals(first[rule.RuleId], rule)).ToList();
        var skipped = rules
            .Where(rule => !ReferenceEquals(first[rule.RuleId], rule))
            .Select(rule => new SupersededRevision(rule, first[rule.RuleId], Basis: null))
            .ToList();
        return (kept, skipped);
    }

    /// <summary>Returns why <paramref name="copy"/> is skipped, naming the file that runs in its place.</summary>
    public static string Reason(SupersededRevision copy)
    {
        var kept = SupersededRevision.Location(copy.Kept);
        return $"rule_id {copy.Rule.RuleId} has the same revision ({RuleRevisionOrder.Describe(copy.Rule)}) in {kept}, "
            + $"so {kept} runs in its place because it comes first in path order. The store keeps one rule per rule_id, "
            + "so vigil serve runs one copy, while vigil hunt runs them all; "
            + RuleIdConflicts.DuplicateFix;
    }
}
