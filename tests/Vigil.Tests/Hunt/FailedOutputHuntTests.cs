using System.Text;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Output;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// A hunt stops reading soon after its buffered NDJSON output fails in a timer write, even when
/// no later alert would raise the failure, instead of reading every file first.
/// </summary>
public class FailedOutputHuntTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // More records than one batch holds, so that the file's records are counted in several batches.
    private const int QuietRecords = 3 * RecordBatch.TargetEntries;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TimerWriteFails_HuntStopsBeforeTheNextFile(int threads)
    {
        // Linux's /dev/full fails every write with ENOSPC, as a full disk does.
        Assert.SkipUnless(File.Exists("/dev/full"), "/dev/full is a Linux device");
        using var temp = new TempDirectory();
        var alerting = Path.Combine(temp.Path, "a.json");
        var quiet = Path.Combine(temp.Path, "b.json");
        var last = Path.Combine(temp.Path, "c.json");
        File.WriteAllText(alerting, $"{{\"Records\":[{RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString()}]}}");
        WriteQuietRecords(quiet, QuietRecords);
        WriteQuietRecords(last, 1);

        var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var writer = new NdjsonAlertWriter(stream, ownsStream: true, buffered: true) { MaxWait = TimeSpan.FromMilliseconds(50) };
        var listener = new WaitingListener(quiet, writer);
        var options = new HuntOptions([temp.Path]) { Files = [alerting, quiet, last], Threads = threads };

        var error = Assert.Throws<AlertOutputException>(() => new HuntEngine(BuiltInRules.All).Run(options, writer, listener, TestContext.Current.CancellationToken));

        Assert.True(listener.SawFailure, $"the timer's write did not fail within {Patience.TotalSeconds} s");
        Assert.Contains("space", error.Message);
        Assert.Equal([alerting, quiet], listener.Started);
        Assert.Equal([alerting], listener.Finished);
        Assert.Null(Record.Exception(writer.Dispose));
    }

    private static void WriteQuietRecords(string path, int count)
    {
        var records = Enumerable.Range(0, count).Select(i =>
            $"{{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-12-01T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"eventID\":\"quiet-{i}\"}}");
        File.WriteAllText(path, "{\"Records\":[" + string.Join(",", records) + "]}", Encoding.UTF8);
    }

    /// <summary>
    /// Holds the hunt at the start of <paramref name="waitAt"/> until the writer's timer has tried
    /// to write the first file's alert, so that the failure comes while no alert follows.
    /// </summary>
    private sealed class WaitingListener(string waitAt, NdjsonAlertWriter writer) : IHuntListener
    {
        public List<string> Started { get; } = [];

        public List<string> Finished { get; } = [];

        public bool SawFailure { get; private set; }

        public void FileStarted(string path, int index, int count)
        {
            Started.Add(path);
            if (path == waitAt)
            {
                SawFailure = Eventually.True(() => Record.Exception(writer.ThrowIfFailed) is not null, Patience);
            }
        }

        public void FileFinished(string path, long bytes) => Finished.Add(path);
    }
}
