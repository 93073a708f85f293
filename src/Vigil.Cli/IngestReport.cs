using System.Globalization;
using Spectre.Console;
using Vigil.Output;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>Renders the summary of <c>vigil ingest</c> for people.</summary>
internal static class IngestReport
{
    public static void Write(IAnsiConsole console, IngestSummary summary, long expired, long eventsInStore)
    {
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        AddCount(grid, "Files read", summary.FilesRead);
        AddCount(grid, "Files already ingested", summary.FilesUnchanged);
        if (summary.FilesUnreadable > 0)
        {
            AddCount(grid, "Files not readable (see warnings)", summary.FilesUnreadable);
        }

        if (summary.FilesLeftToOtherProcess > 0)
        {
            AddCount(grid, "Files left to another ingest", summary.FilesLeftToOtherProcess);
        }

        // A folder is not a file and gives no record, so it has its own count outside the records read.
        if (summary.FoldersNotListed > 0)
        {
            AddCount(grid, "Folders not listed (see warnings)", summary.FoldersNotListed);
        }

        AddCount(grid, "Records read", summary.Records);
        AddCount(grid, "  stored", summary.Stored);
        if (summary.EventsWithMappingErrors > 0)
        {
            AddCount(grid, "    with mapping errors (pipeline_error)", summary.EventsWithMappingErrors);
        }

        AddCount(grid, "  duplicates", summary.Duplicates);
        AddCount(grid, "  errors", summary.Errors);
        AddCount(grid, "  skipped", summary.Skipped);
        foreach (var (reason, count) in summary.SkippedByReason.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddCount(grid, "    " + TerminalText.Sanitize(reason), count);
        }

        AddCount(grid, "Events expired (retention)", expired);
        AddCount(grid, "Events in store", eventsInStore);
        grid.AddRow(new Text("Elapsed"), new Text($"{summary.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s"));
        grid.AddRow(new Text("Events/s"), new Text(summary.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture)));
        console.Write(grid);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Records read {summary.Records:N0} = stored {summary.Stored:N0} + duplicates {summary.Duplicates:N0} + errors {summary.Errors:N0} + skipped {summary.Skipped:N0}"));
    }

    private static void AddCount(Grid grid, string label, long count) =>
        grid.AddRow(new Text(label), new Text(count.ToString("N0", CultureInfo.InvariantCulture)));
}
