using Microsoft.Extensions.Logging;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// Registers a rule that <c>vigil serve</c> read from its <c>--rules</c> files or the built-in
/// rules, at start and whenever a file changes while it runs, and logs the outcome.
/// </summary>
internal static class ServeRuleRegistration
{
    /// <summary>Registers <paramref name="rule"/> and returns its status, or returns null when the rule is rejected.</summary>
    public static RuleStatus? Register(RuleScheduler scheduler, DetectionRule rule, ILogger logger)
    {
        var file = rule.SourcePath ?? "the built-in rules";
        if (!RuleRegistrationCheck.IsValid(scheduler, file, rule, out var invalid))
        {
            Reject(scheduler, rule, invalid, logger);
            return null;
        }

        // Serve runs the files its --rules name, so it replaces a newer registered revision, with a warning.
        if (RegisteredRevisionConflict.Find(scheduler, rule, Definition(scheduler)) is { } conflict)
        {
            ServeLog.RegisteredRevisionReplaced(logger, TerminalText.Sanitize(RegisteredRevisionText.Replaced(conflict)));
        }

        var status = scheduler.Register(rule);
        var ruleId = TerminalText.Sanitize(status.RuleId);
        var name = TerminalText.Sanitize(status.Name);
        if (status.NotRunnableReason is { } reason)
        {
            ServeLog.RuleNotRunnable(logger, ruleId, name, TerminalText.Sanitize(reason));
            return status;
        }

        var enabled = status.Enabled ? "enabled" : "disabled (enable it with 'vigil rules enable')";
        var interval = TerminalText.Sanitize(rule.Interval);
        var from = TerminalText.Sanitize(rule.From);
        var revision = TerminalText.Sanitize(RuleRevisionOrder.Describe(rule));
        ServeLog.RuleRegistered(logger, ruleId, name, revision, enabled, interval, from);
        if (RuleExceptionLists.Warning(rule) is { } warning)
        {
            ServeLog.RuleWarning(logger, ruleId, name, TerminalText.Sanitize(warning));
        }

        return status;
    }

    /// <summary>
    /// Returns the revision a registered rule runs: the one this serve loaded, or else the one its
    /// file contains now. An edit of a loaded file is then compared with the revision that runs.
    /// When another command registered another file, that file's revision is compared, as at a restart.
    /// Returns null, so nothing is compared, when the registered file was deleted, as at a restart.
    /// </summary>
    private static Func<RuleStatus, DetectionRule?> Definition(RuleScheduler scheduler) =>
        status => status.SourceFile is { } path && !File.Exists(path)
            ? null
            : scheduler.LoadedDefinition(status.RuleUuid) is { } loaded && string.Equals(loaded.SourcePath, status.SourceFile, StringComparison.Ordinal)
                ? loaded
                : RuleCatalog.ReadRegistered(status) ?? scheduler.LoadedDefinition(status.RuleUuid);

    /// <summary>
    /// Logs a rule file that is not registered, and keeps the registered revision of its
    /// <c>rule_id</c> running: when this serve has not loaded it yet, it loads it from its own file,
    /// as Kibana keeps the old rule running when an update is rejected.
    /// </summary>
    private static void Reject(RuleScheduler scheduler, DetectionRule rule, string error, ILogger logger)
    {
        var registered = scheduler.Status().FirstOrDefault(status => status.RuleId == rule.RuleId);
        if (registered is not null
            && scheduler.LoadedDefinition(registered.RuleUuid) is null
            && RuleCatalog.ReadRegistered(registered) is { } earlier
            && RuleValidator.Validate(earlier).Count == 0)
        {
            scheduler.Attach(earlier);
        }

        var file = rule.SourcePath ?? "the rule file";
        ServeLog.RuleRejected(logger, TerminalText.Sanitize(error.TrimEnd('.')), Outcome(scheduler, registered), TerminalText.Sanitize(file));
    }

    private static string Outcome(RuleScheduler scheduler, RuleStatus? registered)
    {
        if (registered is null)
        {
            return "The rule does not run until the file is fixed.";
        }

        var current = scheduler.Status().First(status => status.RuleUuid == registered.RuleUuid);
        return current switch
        {
            _ when scheduler.LoadedDefinition(current.RuleUuid) is null =>
                "It does not run until the file is fixed, because the store keeps the path of a rule's file and not its query, and that file is this one or cannot be read.",
            { NotRunnableReason: { } reason } => $"It cannot run either: {TerminalText.Sanitize(reason)}.",
            { Enabled: false } => "It stays disabled.",
            _ => "It keeps running.",
        };
    }
}
