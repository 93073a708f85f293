using Vigil.Read;
using Vigil.Store;

namespace Vigil.Tests.Store;

/// <summary>
/// A watched file that could not be opened is retried at every scan, though its size and write
/// time stay the same, and its error is reported once while it stays the same.
/// </summary>
public sealed class FailedFileRetryTests
{
    [Fact]
    public void LockedFile_ReadOnceUnlocked()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test relies on .NET's flock(2) lock for FileShare.None");
        using var fixture = new StoreFixture();
        var path = Settled(fixture.WriteFile("a.json", StoreFixture.Records(3)));
        var problems = new List<ReadItem>();
        var ingested = new List<FileIngestResult>();
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], Options(problems, ingested));

        IngestSummary locked, again;
        using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None))
        {
            locked = watcher.PollOnce(TestContext.Current.CancellationToken);
            again = watcher.PollOnce(TestContext.Current.CancellationToken);
        }

        var unlocked = watcher.PollOnce(TestContext.Current.CancellationToken);
        var after = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(1, locked.Errors);
        Assert.Equal(0, again.Records);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.File);
        Assert.Contains("the file could not be opened", problem.Reason, StringComparison.Ordinal);
        Assert.Equal(3, unlocked.Stored);
        Assert.Equal(0, after.Records);
        Assert.Equal(3, fixture.Store.CountEvents());
        Assert.Equal([1, 3], ingested.Select(result => result.Records));
    }

    private static FolderWatcherOptions Options(List<ReadItem> problems, List<FileIngestResult> ingested) => new()
    {
        Ingest = new IngestOptions { ProblemFound = problems.Add },
        FileIngested = ingested.Add,
    };

    private static string Settled(string path)
    {
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return path;
    }
}
