using System.Globalization;
using Spectre.Console;
using Vigil.Alert;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules status</c>: one row per registered rule, then the ranges each has not covered and why.</summary>
internal static class RulesStatusRunner
{
    public static int Run(string? data)
    {
        using var session = SchedulerSession.TryOpen(data, "rules status", register: false);
        if (session is null)
        {
            return ExitCodes.Usage;
        }

        var statuses = session.Scheduler.Status();
        var console = CliConsoles.StandardOutput();
        if (statuses.Count == 0)
        {
            console.WriteLine("No rules registered; 'vigil serve' registers the rules it runs, and 'vigil rules run FILE' and 'vigil rules enable FILE' register the rule of FILE.");
            return ExitCodes.Success;
        }

        var now = session.Store.TimeProvider.GetUtcNow();
        var rows = statuses.Select(status => Cells(session.Scheduler, status, now)).ToList();
        if (NarrowTable.Width(Headers, rows) <= console.Profile.Width)
        {
            console.Write(Table(rows));
        }
        else
        {
            // A squeezed table wraps names letter by letter and leaves narrow columns empty.
            NarrowTable.WriteBlocks(console.Profile.Out.Writer, Headers, rows, console.Profile.Width);
        }

        // The details bypass the console, which would hard-wrap them at its width and break a grep
        // of piped output. A terminal wraps them itself.
        foreach (var status in statuses)
        {
            WriteDetails(Console.Out, session.Scheduler, status);
        }

        return ExitCodes.Success;
    }

    private static readonly string[] Headers = ["Rule", "rule_id", "Version", "Enabled", "Last run", "Status", "Next run", "Alerts", "Late events", "Uncovered"];

    private static string[] Cells(RuleScheduler scheduler, RuleStatus status, DateTimeOffset now) =>
    [
        .. new[]
        {
            status.Name,
            status.RuleId,
            VersionCell(scheduler, status),
            Enabled(status),
            Time(status.LastRunAt),
            status.LastStatus ?? "never ran",
            NextRun(status.NextRunAt, now),
            Count(status.AlertCount),
            Count(status.LateEvents),
            Count(status.Uncovered.Count),
        }.Select(TerminalText.Sanitize),
    ];

    /// <summary>
    /// Returns the registered version, or nothing for a rule whose file sets none, because the
    /// store then contains the default version, which the file does not set.
    /// </summary>
    private static string VersionCell(RuleScheduler scheduler, RuleStatus status) =>
        scheduler.LoadedDefinition(status.RuleUuid) is { HasVersion: false } loaded && loaded.Version == status.Version
            ? ""
            : status.Version.ToString(CultureInfo.InvariantCulture);

    private static Table Table(List<string[]> rows)
    {
        var table = new Table().AddColumns(
            new TableColumn(Headers[0]),
            new TableColumn(Headers[1]),
            new TableColumn(Headers[2]).RightAligned(),
            new TableColumn(Headers[3]),
            new TableColumn(Headers[4]).NoWrap(),
            new TableColumn(Headers[5]),
            new TableColumn(Headers[6]).NoWrap(),
            new TableColumn(Headers[7]).RightAligned(),
            new TableColumn(Headers[8]).RightAligned(),
            new TableColumn(Headers[9]).RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        return table;
    }

    private static void WriteDetails(TextWriter output, RuleScheduler scheduler, RuleStatus status)
    {
        var log = scheduler.ExecutionLog(status.RuleUuid, limit: 1);
        var last = log.Count == 0 ? null : log[0];
        var messages = last is null ? [] : last.Warnings.Append(last.Error).OfType<string>().ToList();
        output.WriteLine();
        output.WriteLine(TerminalText.Sanitize($"{status.Name} ({status.RuleId}):"));
        output.WriteLine(TerminalText.Sanitize($"  registered: {RegisteredRevision(scheduler, status)}"));
        if (status.NotRunnableReason is { } reason)
        {
            output.WriteLine(TerminalText.Sanitize($"  cannot run: {reason}"));
        }

        foreach (var message in messages)
        {
            output.WriteLine(TerminalText.Sanitize($"  last run {last!.ExecutionUuid}: {message}"));
        }

        var definition = scheduler.LoadedDefinition(status.RuleUuid);
        var searchedFrom = definition is not null && RuleTiming.TryCreate(definition, out var timing, out _)
            ? timing!.Resolve(DateTimeOffset.UtcNow).From
            : (DateTimeOffset?)null;
        foreach (var range in status.Uncovered)
        {
            var next = UncoveredRangeText.NextStep(range, definition?.From, searchedFrom);
            output.WriteLine(TerminalText.Sanitize($"  uncovered {range.Window}: {range.Reason} ({next})"));
        }
    }

    /// <summary>
    /// Names the registered file and revision. The store records the version, and the update date
    /// comes from the file as loaded now, so it is shown only while the file sets the same version.
    /// </summary>
    private static string RegisteredRevision(RuleScheduler scheduler, RuleStatus status)
    {
        var file = status.SourceFile ?? "built-in rule";
        var revision = scheduler.LoadedDefinition(status.RuleUuid) is { } loaded && loaded.Version == status.Version
            ? RuleRevisionOrder.Describe(loaded)
            : $"version {status.Version}";
        return $"{file} ({revision}), id {status.RuleUuid}";
    }

    private static string Enabled(RuleStatus status)
    {
        if (status.NotRunnableReason is not null)
        {
            return "cannot run";
        }

        return status.Enabled ? "yes" : "no";
    }

    private static string Time(DateTimeOffset? time) => time is { } value ? KibanaTime.Format(value) : "-";

    /// <summary>
    /// Returns the next scheduled run, marked as due once its time has passed: no serve has run it
    /// yet, because none runs the rule or it is stopped. A manual run does not move the schedule,
    /// as in Kibana, so a due run may come before the last run.
    /// </summary>
    private static string NextRun(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } value && value <= now ? $"{Time(value)} (due)" : Time(time);

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
