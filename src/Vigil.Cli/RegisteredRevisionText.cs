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
            ? $"rule {rule.RuleId} not registered: {file} ({RuleRevisionOrder.Describe(rule)}) is an older revision than {registered}, because {basis}. {fix}"
            : $"rule {rule.RuleId} not registered: version and update date do not decide whether {file} ({RuleRevisionOrder.Describe(rule)}) is newer than {registered}, so the registered revision stays. Set a higher version or a later updated_date in {file}. {fix}";
    }

    /// <summary>Returns why <c>vigil serve</c> replaces the registered revision all the same: it runs the files its <c>--rules</c> name.</summary>
    public static string Replaced(RegisteredRevisionConflict conflict)
    {
        var rule = conflict.Rule;
        var order = conflict.Basis is { } basis
            ? $"which is newer because {basis}"
            : "and version and update date do not decide which revision is newer";
        return $"rule {rule.RuleId} from {Location(rule)} ({RuleRevisionOrder.Describe(rule)}) replaces the registered {Registered(conflict.Registered)} ({RuleRevisionOrder.Describe(conflict.Registered)}), {order}";
    }

    private static string Location(DetectionRule rule) => SupersededRevision.Location(rule);

    private static string Registered(DetectionRule rule) =>
        rule.SourcePath is null ? "built-in rule" : $"revision from {Location(rule)}";
}
