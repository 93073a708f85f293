using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>The checks a rule read from a file passes before the store commands or <c>vigil serve</c> register it.</summary>
internal static class RuleRegistrationCheck
{
    /// <summary>
    /// Checks a rule read from a file before it is registered, so a file with an error never
    /// replaces a registered revision that runs.
    /// </summary>
    public static bool IsValid(RuleScheduler scheduler, string file, DetectionRule rule, out string error)
    {
        if (IdTakenError(scheduler, rule) is { } taken)
        {
            error = taken;
            return false;
        }

        error = "";
        var problems = RuleValidator.Validate(rule);
        if (problems.Count == 0)
        {
            return true;
        }

        var keptRevision = scheduler.Status().FirstOrDefault(s => s.RuleId == rule.RuleId) is { } registered
            ? $" The revision registered from {registered.SourceFile ?? "the built-in rules"} stays."
            : "";
        error = InvalidError(file, rule, problems) + keptRevision;
        return false;
    }

    /// <summary>Returns the error of a rule that <see cref="RuleValidator"/> found <paramref name="problems"/> in, naming the first and the command that lists the others.</summary>
    public static string InvalidError(string file, DetectionRule rule, IReadOnlyList<RuleLoadError> problems)
    {
        var more = problems.Count > 1 ? $" Run 'vigil rules validate {file}' for the other {problems.Count - 1}." : "";
        return $"rule {rule.RuleId} not registered because its file is invalid: {problems[0].ToString().TrimEnd('.')}.{more}";
    }

    /// <summary>
    /// Returns an error when a registered rule with another <c>rule_id</c> has the saved-object id of
    /// <paramref name="rule"/>, because registering it would replace that rule; null otherwise.
    /// </summary>
    public static string? IdTakenError(RuleScheduler scheduler, DetectionRule rule) =>
        scheduler.Status().FirstOrDefault(s => s.RuleUuid == rule.Uuid && s.RuleId != rule.RuleId) is { } owner
            ? $"rule {rule.RuleId} ({rule.Name}) not registered: its id \"{rule.Uuid}\" is already the id of registered rule {owner.RuleId} ({owner.Name}); give each rule its own id, or remove id so that Vigil derives it from rule_id"
            : null;
}
