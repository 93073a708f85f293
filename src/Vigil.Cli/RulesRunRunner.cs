using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules run</c>: a manual run of one rule over a past range, printed per chunk.</summary>
internal static class RulesRunRunner
{
    private const string Command = "rules run";

    public static int Run(string? data, string rule, bool replace, string fromText, string toText)
    {
        // Installed before the store opens and the rules load, which can take a second, so a signal
        // then stops the run before its first window instead of ending the process with 143.
        using var loggerFactory = CliLogging.CreateFactory();
        using var signals = new ShutdownSignals(loggerFactory.CreateLogger("vigil.rules"));
        using var session = SchedulerSession.TryOpen(data, Command);
        if (session is null)
        {
            return ExitCodes.Usage;
        }

        try
        {
            return RunRule(session, rule, replace, fromText, toText, signals, loggerFactory);
        }
        catch (SqliteException exception) when (session.Store.WriteRejection(exception) is { } problem)
        {
            // The chunks printed before are saved; a later run over them creates no alert twice.
            CliLogging.Flush(loggerFactory);
            return StoreCommandErrors.StoreNotWritable(Command, problem);
        }
    }

    /// <summary>Checks the range, registers the rule when it is a file, and runs it over the range.</summary>
    private static int RunRule(SchedulerSession session, string rule, bool replace, string fromText, string toText, ShutdownSignals signals, ILoggerFactory loggerFactory)
    {
        var now = session.Store.TimeProvider.GetUtcNow();
        if (!TimeArgument.TryParse(fromText, now, out var from, out var error))
        {
            return StoreCommandErrors.Usage(Command, $"--from: {error}");
        }

        if (!TimeArgument.TryParse(toText, now, out var to, out error, roundUp: true))
        {
            return StoreCommandErrors.Usage(Command, $"--to: {error}");
        }

        if (RuleCatalog.Find(session.Scheduler, rule, replace, out var lookupError) is not { } status)
        {
            return StoreCommandErrors.Lookup(Command, lookupError!);
        }

        if (status.NotRunnableReason is not null)
        {
            return StoreCommandErrors.CannotRun(Command, status);
        }

        if (session.Scheduler.LoadedDefinition(status.RuleUuid) is not { } definition)
        {
            return StoreCommandErrors.FileNotLoaded(Command, status);
        }

        WarnAboutExceptionLists(definition);

        var summary = new ManualRunSummary();
        try
        {
            // Each chunk is printed once it is saved, so the output never lists a chunk the store lacks.
            session.Scheduler.RunManual(status.RuleUuid, from, to, entry => OnChunkSaved(summary, entry), signals.Token);
        }
        catch (ArgumentException exception)
        {
            return StoreCommandErrors.Usage(Command, exception.Message);
        }
        catch (OperationCanceledException)
        {
            PrintTotal(summary);
            CliLogging.Flush(loggerFactory);
            Console.Error.WriteLine(Stopped(summary));
            return ExitCodes.Interrupted;
        }

        PrintTotal(summary);
        return summary.Status == ExecutionStatus.Failed ? StoreExitCodes.RunFailed : ExitCodes.Success;
    }

    /// <summary>Returns what a stopped run saved and how to search the rest.</summary>
    private static string Stopped(ManualRunSummary summary)
    {
        if (summary.SearchedTo is not { } searchedTo)
        {
            return $"vigil {Command}: stopped before the first window was searched, so nothing was saved.";
        }

        // The time ends the line without a full stop, so that copying it copies only the time.
        var next = KibanaTime.Format(searchedTo.AddMilliseconds(1));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"vigil {Command}: stopped after {Windows(summary.Windows)}, which are saved in the execution log with their alerts. To search the rest, run it again with --from {next}");
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

    private static void OnChunkSaved(ManualRunSummary summary, ExecutionLogEntry entry)
    {
        summary.Add(entry);

        // A manual run over hours has thousands of chunks; only those that found something or failed are listed.
        if (entry.Matches == 0 && entry.Status == ExecutionStatus.Succeeded)
        {
            return;
        }

        Console.Out.WriteLine(TerminalText.Sanitize(string.Create(
            CultureInfo.InvariantCulture,
            $"{ExecutionLogText.Windows(entry)}: {entry.Status}, searched {entry.EventsSearched:N0}, matches {entry.Matches:N0}, alerts created {entry.AlertsCreated:N0}, duplicates {entry.DuplicatesSkipped:N0}")));
        foreach (var message in entry.Warnings.Append(entry.Error).OfType<string>())
        {
            Console.Out.WriteLine(TerminalText.Sanitize($"  {message}"));
        }
    }

    private static void PrintTotal(ManualRunSummary summary) =>
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Windows(summary.Windows)}: searched {summary.EventsSearched:N0}, matches {summary.Matches:N0}, alerts created {summary.AlertsCreated:N0}, duplicates {summary.DuplicatesSkipped:N0}"));

    private static string Windows(long count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? "window" : "windows")}");
}
