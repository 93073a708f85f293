using System.Globalization;
using Spectre.Console;
using Vigil.Hunt;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Renders a hunt's alerts and summary for people. Every CloudTrail value is sanitized and never parsed as markup.</summary>
internal static class HuntReport
{
    // Skip reasons longer than this are shortened in the summary's grid.
    private const int MaxReasonLength = 80;

    /// <summary>Writes the alert table, checking <paramref name="stop"/> before each line so that a signal ends it after the current line.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> was cancelled.</exception>
    public static void WriteAlerts(IAnsiConsole console, AlertTable alerts, HuntSummary summary, CancellationToken stop)
    {
        stop.ThrowIfCancellationRequested();
        if (summary.Alerts == 0)
        {
            console.WriteLine("No alerts.");
            return;
        }

        var rows = alerts.OrderedRows();
        foreach (var line in AlertTableLayout.Lines(rows, console.Profile.Width))
        {
            stop.ThrowIfCancellationRequested();
            console.WriteLine(line);
        }

        if (summary.Alerts > rows.Count)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Showing the oldest {rows.Count:N0} of {summary.Alerts:N0} alerts; use --format ndjson for all."));
        }
    }

    public static void WriteSummary(IAnsiConsole console, HuntSummary summary, HuntRules rules)
    {
        console.Write(Counts(summary, rules));
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Records read {summary.Records:N0} = events {summary.Events:N0} + errors {summary.Errors:N0} + skipped {summary.Skipped:N0}"));

        if (summary.Alerts > 0)
        {
            console.Write(AlertsPerRule(summary));
        }

        var quiet = summary.AlertsByRule.Count(p => p.Value == 0);
        if (quiet > 0)
        {
            console.WriteLine($"{quiet} of {summary.RulesRun.Count} rules ran without alerts.");
        }

        foreach (var skipped in summary.RulesSkipped.OrderBy(r => r.Reason, StringComparer.Ordinal))
        {
            var source = skipped.Rule.SourcePath ?? "built-in";
            console.WriteLine(TerminalText.Sanitize($"Rule skipped: {skipped.Rule.Name} ({source}): {skipped.Reason}"));
        }
    }

    private static Grid Counts(HuntSummary summary, HuntRules rules)
    {
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        AddCount(grid, "Files read", summary.Files);

        // A folder is not a file and gives no record, so it has its own count outside the records read.
        if (summary.FoldersNotListed > 0)
        {
            AddCount(grid, "Folders not listed (see warnings)", summary.FoldersNotListed);
        }

        AddCount(grid, "Records read", summary.Records);
        AddCount(grid, "  events", summary.Events);
        if (summary.EventsWithMappingErrors > 0)
        {
            AddCount(grid, "    with mapping errors (pipeline_error)", summary.EventsWithMappingErrors);
        }

        if (summary.EventsWithoutCloudTrailFields > 0)
        {
            AddCount(grid, "    without eventName or eventTime (not CloudTrail?)", summary.EventsWithoutCloudTrailFields);
        }

        // Shown even when zero whenever a range is given, so that the reader sees why events gave no alerts.
        if (summary.HasTimeRange)
        {
            AddCount(grid, "    outside --from/--to (on @timestamp)", summary.EventsOutsideTimeRange);
            AddCount(grid, "    without @timestamp (eventTime missing or invalid)", summary.EventsWithoutTimestamp);
        }

        AddCount(grid, "  errors", summary.Errors);
        AddCount(grid, "  skipped", summary.Skipped);
        foreach (var (reason, count) in summary.SkippedByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddCount(grid, "    " + TerminalText.Sanitize(reason), count);
        }

        AddCount(grid, "Rules run", summary.RulesRun.Count);
        AddCount(grid, "Rules skipped", summary.RulesSkipped.Count);
        // Grouped by the shortened text, so that reasons that differ only past the cut share one row.
        foreach (var group in summary.RulesSkipped.GroupBy(r => ShortReason(TerminalText.Sanitize(r.Reason))).OrderByDescending(g => g.Count()))
        {
            AddCount(grid, "    " + group.Key, group.Count());
        }

        if (rules.RulesNotLoaded > 0)
        {
            AddCount(grid, "Rules not loaded (see warnings)", rules.RulesNotLoaded);
        }

        if (rules.FoldersNotListed > 0)
        {
            AddCount(grid, "Rule folders not listed (see warnings)", rules.FoldersNotListed);
        }

        AddCount(grid, "Alerts", summary.Alerts);
        if (summary.AlertsWithRepeatedId > 0)
        {
            AddCount(grid, "  not written, id written before", summary.AlertsWithRepeatedId);
        }
        grid.AddRow(new Text("Elapsed"), new Text($"{summary.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s"));
        grid.AddRow(new Text("Events/s"), new Text(summary.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture)));
        return grid;
    }

    /// <summary>
    /// Shortens a skip reason for the summary's grid, which would otherwise be as wide as the longest
    /// reason. The "Rule skipped:" lines after the summary give each reason whole.
    /// </summary>
    private static string ShortReason(string reason) => TerminalValue.Truncate(reason, MaxReasonLength);

    private static Table AlertsPerRule(HuntSummary summary)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Rule")
            .AddColumn("Severity")
            .AddColumn(new TableColumn("Alerts").RightAligned());
        var ordered = summary.AlertsByRule
            .Where(p => p.Value > 0)
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key.Name, StringComparer.Ordinal);
        foreach (var (rule, count) in ordered)
        {
            // A severity_mapping may raise alerts above the rule's own severity, and the alerts are what matters.
            var severity = summary.HighestSeverityByRule.GetValueOrDefault(rule, rule.Severity);
            table.AddRow(Cell(rule.Name), Cell(severity), new Text(count.ToString("N0", CultureInfo.InvariantCulture)));
        }

        return table;
    }

    private static void AddCount(Grid grid, string label, long count) =>
        grid.AddRow(new Text(label), new Text(count.ToString("N0", CultureInfo.InvariantCulture)));

    private static Text Cell(string? value) => new(AlertTableLayout.Cell(value ?? ""));
}
