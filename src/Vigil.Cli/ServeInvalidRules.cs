using Microsoft.Extensions.Logging;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// The rules read from <c>--rules</c> files that fail validation. <c>vigil serve</c> leaves them out
/// before it compares the revisions and copies of a <c>rule_id</c>, as a hunt leaves out a rule that
/// does not load, so an invalid file never takes the place of a valid file of its <c>rule_id</c>.
/// </summary>
internal sealed class ServeInvalidRules(ILogger logger)
{
    private List<(DetectionRule Rule, IReadOnlyList<RuleLoadError> Problems)> _leftOut = [];
    private HashSet<DetectionRule> _logged = new(ReferenceEqualityComparer.Instance);
    private HashSet<(string File, string RuleId)> _invalid = [];

    /// <summary>Returns whether <paramref name="file"/> contained an invalid rule with <paramref name="ruleId"/> at the last split.</summary>
    public bool Contains(string file, string ruleId) => _invalid.Contains((file, ruleId));

    /// <summary>
    /// Returns the valid rules, and the invalid rules of each <c>rule_id</c> that no valid rule has.
    /// Those are registered as before, so each is rejected with its own error and a revision
    /// registered before keeps running. The other invalid rules are kept for <see cref="LogLeftOut"/>.
    /// </summary>
    public (IReadOnlyList<DetectionRule> Valid, IReadOnlyList<DetectionRule> Rejected) Split(IReadOnlyList<DetectionRule> rules)
    {
        var problems = new Dictionary<DetectionRule, IReadOnlyList<RuleLoadError>>(ReferenceEqualityComparer.Instance);
        foreach (var rule in rules)
        {
            problems[rule] = RuleValidator.Validate(rule);
        }

        var valid = rules.Where(rule => problems[rule].Count == 0).ToList();
        var validIds = valid.Select(rule => rule.RuleId).ToHashSet(StringComparer.Ordinal);
        var invalid = rules.Where(rule => problems[rule].Count > 0).ToList();

        _leftOut = [.. invalid.Where(rule => validIds.Contains(rule.RuleId)).Select(rule => (rule, problems[rule]))];
        _invalid = [.. invalid.Select(rule => (rule.SourcePath ?? "", rule.RuleId))];
        return (valid, invalid.Where(rule => !validIds.Contains(rule.RuleId)).ToList());
    }

    /// <summary>
    /// Logs each invalid rule left out at the last split that was not left out at the split before,
    /// with the file of <paramref name="selected"/> that runs its <c>rule_id</c> in its place.
    /// </summary>
    public void LogLeftOut(IReadOnlyList<DetectionRule> selected)
    {
        var logged = new HashSet<DetectionRule>(ReferenceEqualityComparer.Instance);
        foreach (var (rule, problems) in _leftOut)
        {
            logged.Add(rule);
            if (_logged.Contains(rule))
            {
                continue;
            }

            var file = rule.SourcePath ?? "the rule file";
            var error = RuleRegistrationCheck.InvalidError(file, rule, problems);
            var runs = SupersededRevision.Location(selected.First(other => other.RuleId == rule.RuleId));
            var outcome = $"The rule runs from {runs} in its place, as in vigil hunt.";
            ServeLog.RuleRejected(logger, TerminalText.Sanitize(error.TrimEnd('.')), TerminalText.Sanitize(outcome), TerminalText.Sanitize(file));
        }

        _logged = logged;
    }
}
