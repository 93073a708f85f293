using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>Messages about a rule file that would replace a newer registered revision of its <c>rule_id</c>, or one whose order is undecided.</summary>
internal static class RegisteredRevisionText
{
    /// <summary>Returns the error of <c>rules run|enable|disable FILE</c>, which keep the registered revision unless <c>--replace</c> is given.</summary>
    public static string Rejected(RegisteredRevisionConflict conflict)
    {
        var (rule, file) = (conflict.Rule, Location(conflict.Rule));
        var registered = $"the registered {Registered(conflict.Registered)} ({RuleRevisionOrder.Describe(conflict.Registered)})";
        var fix = $"Give the rule_id {rule.RuleId} in place of the file to use the registered revision, or add --replace to register {file} in its place.";
        return conflict.Basis is { } basis
            ? $"rule {rule.RuleId}: file not registered: {file} ({RuleRevisionOrder.Describe(rule)}) is an older revision than {registered}, because {basis}. {fix}"
            : $"rule {rule.RuleId}: file not registered: version and update date do not decide whether {file} ({RuleRevisionOrder.Describe(rule)}) is newer than {registered}, so the registered revision stays. Set a higher version or a later updated_date in {file}. {fix}";
    }

    /// <summary>
    /// Returns why <c>vigil serve</c> replaces the registered revision all the same: it runs the rules
    /// its <c>--rules</c> name, or the built-in rules. The text names the newer revision.
    /// </summary>
    public static string Replaced(RegisteredRevisionConflict conflict)
    {
        var rule = conflict.Rule;
        var registered = $"the registered {Registered(conflict.Registered)} ({RuleRevisionOrder.Describe(conflict.Registered)})";
        return conflict.Basis is { } basis
            ? $"rule {rule.RuleId}: the older revision from {Location(rule)} ({RuleRevisionOrder.Describe(rule)}) replaces {registered}, which is newer because {basis}"
            : $"rule {rule.RuleId}: the revision from {Location(rule)} ({RuleRevisionOrder.Describe(rule)}) replaces {registered}, and version and update date do not decide which revision is newer";
    }

    /// <summary>
    /// Returns the error for a <c>rule_id</c> that a store written by an older Vigil registered
    /// several times, once per saved-object id, with the command that
    /// leaves one registration.
    /// </summary>
    public static string Duplicated(IReadOnlyList<RuleStatus> registrations)
    {
        var ruleId = registrations[0].RuleId;
        var listed = registrations.Select(r => $"{File(r)} (id {r.RuleUuid}, version {r.Version})");
        var newest = registrations.MaxBy(r => r.Version)!;
        var keep = newest.SourceFile is { } file
            ? $"Register the file of the revision to keep, such as 'vigil rules enable {file}' (add --replace when it is not the newest), and it replaces the other registrations."
            : "Register the file of the revision to keep with 'vigil rules enable FILE' (add --replace when it is not the newest), or start 'vigil serve' without --rules to keep the built-in rule, and it replaces the other registrations.";
        return $"rule_id {ruleId} is registered {registrations.Count} times, from {string.Join(" and ", listed)}, because an older Vigil registered each saved-object id on its own. "
            + $"{keep} To act on one registration as it is, give its id in place of the rule_id.";
    }

    private static string Location(DetectionRule rule) =>
        rule.SourcePath is null ? "the built-in rule" : SupersededRevision.Location(rule);

    private static string File(RuleStatus status) => status.SourceFile ?? "the built-in rules";

    private static string Registered(DetectionRule rule) =>
        rule.SourcePath is null ? "built-in rule" : $"revision from {Location(rule)}";
}
