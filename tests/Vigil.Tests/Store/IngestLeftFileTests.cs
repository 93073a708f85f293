using Spectre.Console;
using Vigil.Cli;
using Vigil.Store;

namespace Vigil.Tests.Store;

/// <summary>A file that another process took over mid-ingest is neither an error nor an ingested file.</summary>
public sealed class IngestLeftFileTests
{
    [Fact]
    public void Summary_LeftFile_CountedApart()
    {
        var summary = new IngestSummary();
        summary.Add(new FileIngestResult("/logs/a.json") { ReadNewData = true, LeftToOtherProcess = true });
        summary.Add(new FileIngestResult("/logs/b.json") { ReadNewData = false });

        Assert.Equal(1, summary.FilesLeftToOtherProcess);
        Assert.Equal(1, summary.FilesUnchanged);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(0, summary.Records);
    }

    [Fact]
    public void Report_LeftFile_HasItsOwnRow()
    {
        var summary = new IngestSummary();
        summary.Add(new FileIngestResult("/logs/a.json") { ReadNewData = true, LeftToOtherProcess = true });
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), ColorSystem = ColorSystemSupport.NoColors });

        IngestReport.Write(console, summary, expired: 0, eventsInStore: 0);

        Assert.Matches(@"Files left to another ingest\s+1\b", text.ToString());
        Assert.Matches(@"errors\s+0\b", text.ToString());
    }

    [Fact]
    public void Report_NoLeftFile_NoRow()
    {
        var summary = new IngestSummary();
        summary.Add(new FileIngestResult("/logs/a.json") { ReadNewData = true });
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), ColorSystem = ColorSystemSupport.NoColors });

        IngestReport.Write(console, summary, expired: 0, eventsInStore: 0);

        Assert.DoesNotContain("left to another", text.ToString(), StringComparison.Ordinal);
    }
}
