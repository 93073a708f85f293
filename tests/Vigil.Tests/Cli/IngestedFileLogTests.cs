using Vigil.Cli;
using Vigil.Store;
using Vigil.Tests.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Serve logs a watched file that is not CloudTrail once, though it is read again at every growth,
/// and logs it again once it contains CloudTrail records.
/// </summary>
public sealed class IngestedFileLogTests
{
    private const string LogLine = "info: vigil.serve[70] Ingested /tmp/x/s.err: read 1, stored 0, duplicates 0, errors 0, skipped 1";

    [Fact]
    public void GrowingLogFile_LoggedOnce()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "s.err");
        var logger = new ListLogger();
        using var watcher = Watcher(fixture, logger);

        var scans = new List<IngestSummary>();
        for (var i = 0; i < 3; i++)
        {
            File.AppendAllText(path, LogLine + "\n");
            Settle(path);
            scans.Add(watcher.PollOnce(TestContext.Current.CancellationToken));
        }

        Assert.All(scans, scan => Assert.Equal(1, scan.Skipped));
        var line = Assert.Single(logger.Lines);
        Assert.Equal($"Ingested {path}: read 1, stored 0, duplicates 0, errors 0, skipped 1", line);
    }

    [Fact]
    public void ReplacedByCloudTrail_LoggedAgain()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "trail.json");
        var logger = new ListLogger();
        using var watcher = Watcher(fixture, logger);
        File.WriteAllText(path, LogLine + "\n");
        Settle(path);
        watcher.PollOnce(TestContext.Current.CancellationToken);

        File.WriteAllLines(path, StoreFixture.Records(2));
        Settle(path);
        var replaced = watcher.PollOnce(TestContext.Current.CancellationToken);
        File.AppendAllText(path, LogLine + "\n");
        Settle(path);
        watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(2, replaced.Stored);
        Assert.Equal(
            [
                $"Ingested {path}: read 1, stored 0, duplicates 0, errors 0, skipped 1",
                $"Ingested {path}: read 2, stored 2, duplicates 0, errors 0, skipped 0",
                $"Ingested {path}: read 1, stored 0, duplicates 0, errors 0, skipped 1",
            ],
            logger.Lines);
    }

    private static FolderWatcher Watcher(StoreFixture fixture, ListLogger logger) =>
        new(fixture.Store, [fixture.InputDirectory], new FolderWatcherOptions { FileIngested = new IngestedFileLog(logger).Log });

    // Each write gets another write time an hour back, so the watcher finds a change that has settled.
    private static void Settle(string path) =>
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1).AddSeconds(new FileInfo(path).Length));
}
