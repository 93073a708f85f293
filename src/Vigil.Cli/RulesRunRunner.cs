using System.Globalization;
using Microsoft.Extensions.Logging;
using Vigil.Detect.Rules;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules run</c>: a manual run of one rule over a past range, printed per chunk.</summary>
internal static class RulesRunRunner
{
    private const string Command = "rules run";

    public static int Run(string? data, string rule, string fromText, string toText)
    {
        using var session = SchedulerSession.TryOpen(data, Command);
        if (session is null)
        {
            return ExitCodes.Usage;
        }

        var now = session.Store.TimeProvider.GetUtcNow();
        if (!TimeArgument.TryParse(fromText, now, out var from, out var error) || !TimeArgument.TryParse(toText, now, out var to, out error, roundUp: true))
        {
            return StoreCommandErrors.Usage(Command, error);
        }

        if (RuleCatalog.Find(session.Scheduler, rule, SchedulerSession.ReportRuleError, out error) is not { } status)
        {
            return StoreCommandErrors.NotFound(Command, error);
        }

        if (status.NotRunnableReason is not null)
        {
            return StoreCommandErrors.CannotRun(Command, status);
        }

        WarnAboutExceptionLists(session.Scheduler.LoadedDefinition(status.RuleUuid));

        IReadOnlyList<ExecutionLogEntry> entries;
        try
        {
            entries = session.Scheduler.RunManual(status.RuleUuid, from, to);
        }
        catch (ArgumentException exception)
        {
            return StoreCommandErrors.Usage(Command, exception.Message);
        }

        Print(entries);
        return entries.Any(e => e.Status == ExecutionStatus.Failed) ? StoreExitCodes.RunFailed : ExitCodes.Success;
    }

    /// <summary>Logs the exception-list warning that hunt and serve also log, for a rule whose exception lists Vigil cannot apply.</summary>
    private static void WarnAboutExceptionLists(DetectionRule? rule)
    {
        if (rule is null || RuleExceptionLists.Warning(rule) is not { } warning)
        {
            return;
        }

        // Disposing the factory writes the warning out before the run's results reach stdout.
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.rules");
        CliLog.RuleWarning(logger, TerminalText.Sanitize(rule.Name), TerminalText.Sanitize(rule.SourcePath ?? "built-in"), TerminalText.Sanitize(warning));
    }

    private static void Print(IReadOnlyList<ExecutionLogEntry> entries)
    {
        // A manual run over hours has thousands of chunks; only those that found something or failed are listed.
        foreach (var entry in entries.Where(e => e.Matches > 0 || e.Status != ExecutionStatus.Succeeded))
        {
            Console.Out.WriteLine(TerminalText.Sanitize(string.Create(
                CultureInfo.InvariantCulture,
                $"{ExecutionLogText.Windows(entry)}: {entry.Status}, searched {entry.EventsSearched:N0}, matches {entry.Matches:N0}, alerts created {entry.AlertsCreated:N0}, duplicates {entry.DuplicatesSkipped:N0}")));
            foreach (var message in entry.Warnings.Append(entry.Error).OfType<string>())
            {
                Console.Out.WriteLine(TerminalText.Sanitize($"  {message}"));
            }
        }

        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{entries.Count:N0} {(entries.Count == 1 ? "window" : "windows")}: searched {entries.Sum(e => e.EventsSearched):N0}, matches {entries.Sum(e => e.Matches):N0}, alerts created {entries.Sum(e => e.AlertsCreated):N0}, duplicates {entries.Sum(e => e.DuplicatesSkipped):N0}"));
    }
}
