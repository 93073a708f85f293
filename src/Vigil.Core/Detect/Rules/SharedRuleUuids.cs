using Vigil.Detect.Rules.Validation;

namespace Vigil.Detect.Rules;

/// <summary>
/// Rejects rules whose saved-object <c>id</c> an earlier loaded rule with another <c>rule_id</c>
/// already has. Vigil keys alerts, the serve registry and <c>rules enable</c> by that id, so such
/// rules would replace each other silently.
/// </summary>
internal static class SharedRuleUuids
{
    /// <summary>
    /// Returns the rules without those that reuse an earlier rule's id under another <c>rule_id</c>,
    /// and adds one error for each rule left out. Rules that share both the id and the
    /// <c>rule_id</c> are revisions of one rule and stay, for <see cref="RuleIdConflicts"/>.
    /// </summary>
    public static List<DetectionRule> Remove(IReadOnlyList<DetectionRule> rules, List<RuleLoadError> errors)
    {
        var owners = new Dictionary<string, DetectionRule>(StringComparer.Ordinal);
        var loaded = new List<DetectionRule>(rules.Count);
        foreach (var rule in rules)
        {
            if (owners.TryGetValue(rule.Uuid, out var owner) && owner.RuleId != rule.RuleId)
            {
                errors.Add(Error(rule, owner));
                continue;
            }

            owners.TryAdd(rule.Uuid, rule);
            loaded.Add(rule);
        }

        return loaded;
    }

    private static RuleLoadError Error(DetectionRule rule, DetectionRule owner)
    {
        var ownerFile = owner.SourcePath ?? "<built-in>";
        var ownerPosition = owner.SourceLine is { } line ? $"{ownerFile}({line})" : ownerFile;
        var message = $"rule {rule.RuleId} ({rule.Name}) not loaded: its id \"{rule.Uuid}\" is already the id of rule {owner.RuleId} ({owner.Name}) in {ownerPosition}; give each rule its own id, or remove id so that Vigil derives it from rule_id";
        return RuleSource.Read(rule).ToError("id", null, message) with { RuleId = rule.RuleId, RuleName = rule.Name };
    }
}
