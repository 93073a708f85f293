using System.Globalization;
using Spectre.Console;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Renders a conversion's summary for people, in the layout of the hunt's summary.</summary>
internal static class ConvertReport
{
    public static void WriteSummary(IAnsiConsole console, ConvertSummary summary, string target)
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

        AddCount(grid, "  errors", summary.Errors);
        AddCount(grid, "  skipped", summary.Skipped);
        foreach (var (reason, count) in summary.SkippedByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddCount(grid, "    " + reason, count);
        }

        grid.AddRow(new Text("Documents written to"), new Text(TerminalText.Sanitize(target)));
        grid.AddRow(new Text("Elapsed"), new Text($"{summary.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s"));
        grid.AddRow(new Text("Events/s"), new Text(summary.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture)));
        console.Write(grid);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Records read {summary.Records:N0} = events {summary.Events:N0} + errors {summary.Errors:N0} + skipped {summary.Skipped:N0}"));
    }

    private static void AddCount(Grid grid, string label, long count) =>
        grid.AddRow(new Text(label), new Text(count.ToString("N0", CultureInfo.InvariantCulture)));
}
