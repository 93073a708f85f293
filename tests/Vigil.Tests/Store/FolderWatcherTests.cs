using Vigil.Read;
using Vigil.Store;

namespace Vigil.Tests.Store;

public sealed class FolderWatcherTests
{
    [Fact]
    public void PollOnce_SettledFile_Ingested()
    {
        using var fixture = new StoreFixture();
        Settled(fixture.WriteFile("a.json", StoreFixture.Records(3)));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);

        var summary = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(3, summary.Stored);
    }

    [Fact]
    public void PollOnce_FreshFile_WaitsOneScan()
    {
        using var fixture = new StoreFixture();
        fixture.WriteFile("a.json", StoreFixture.Records(3));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], new FolderWatcherOptions { PollInterval = TimeSpan.FromHours(1) });

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var second = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, first.Stored);
        Assert.Equal(3, second.Stored);
    }

    [Fact]
    public void PollOnce_Unchanged_NotReadAgain()
    {
        using var fixture = new StoreFixture();
        Settled(fixture.WriteFile("a.json", StoreFixture.Records(3)));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);
        watcher.PollOnce(TestContext.Current.CancellationToken);

        var again = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Empty(again.Files);
    }

    [Fact]
    public void PollOnce_GrownFile_IngestsAppendedOnce()
    {
        using var fixture = new StoreFixture();
        var path = Settled(fixture.WriteFile("a.json", StoreFixture.Records(3)));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);
        watcher.PollOnce(TestContext.Current.CancellationToken);
        File.AppendAllLines(path, StoreFixture.Records(2, firstIndex: 3));
        Settled(path);

        var grown = watcher.PollOnce(TestContext.Current.CancellationToken);
        var after = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(2, grown.Stored);
        Assert.Equal(0, after.Records);
        Assert.Equal(5, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_NewWatcher_ResumesFromCheckpoints()
    {
        using var fixture = new StoreFixture();
        Settled(fixture.WriteFile("a.json", StoreFixture.Records(3)));
        using (var first = new FolderWatcher(fixture.Store, [fixture.InputDirectory]))
        {
            first.PollOnce(TestContext.Current.CancellationToken);
        }

        using var restarted = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);
        var summary = restarted.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, summary.Records);
        Assert.Equal(1, summary.FilesUnchanged);
    }

    [Fact]
    public void PollOnce_BadFile_CountedAndNamed()
    {
        using var fixture = new StoreFixture();
        var bad = Settled(fixture.WriteFile("bad.json", ["{\"Records\": [ {\"eventID\": "]));
        Settled(fixture.WriteFile("good.json", StoreFixture.Records(2)));
        var problems = new List<ReadItem>();
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], new FolderWatcherOptions { Ingest = new IngestOptions { ProblemFound = problems.Add } });

        var summary = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(2, summary.Stored);
        Assert.Equal(1, summary.Errors);
        Assert.Equal(bad, Assert.Single(problems).File);
    }

    [Fact]
    public void PollOnce_ReportsEachFileRead()
    {
        using var fixture = new StoreFixture();
        Settled(fixture.WriteFile("a.json", StoreFixture.Records(2)));
        Settled(fixture.WriteFile("b.json", StoreFixture.Records(2, firstIndex: 2)));
        var reported = new List<string>();
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], new FolderWatcherOptions { FileIngested = r => reported.Add(Path.GetFileName(r.Path)) });

        watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(["a.json", "b.json"], reported);
    }

    [Fact]
    public async Task RunAsync_Cancelled_Returns()
    {
        using var fixture = new StoreFixture();
        Settled(fixture.WriteFile("a.json", StoreFixture.Records(2)));
        using var cancel = new CancellationTokenSource();
        var ingested = new TaskCompletionSource();
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], new FolderWatcherOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            FileIngested = _ => ingested.TrySetResult(),
        });

        var run = watcher.RunAsync(cancel.Token);
        await ingested.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(run.IsCompletedSuccessfully);
        Assert.Equal(2, fixture.Store.CountEvents());
    }

    /// <summary>Dates the file's last write an hour back, so the watcher treats it as finished.</summary>
    private static string Settled(string path)
    {
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return path;
    }
}
