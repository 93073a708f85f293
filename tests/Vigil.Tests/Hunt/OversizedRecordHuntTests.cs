using System.IO.Compression;
using System.Text;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// A hunt skips a record far over the record limit with the error the reader gives, whatever the
/// thread count and whether the file is read ahead in shared chunks.
/// </summary>
public class OversizedRecordHuntTests
{
    // 3 MiB fits in the window that frames records, so whether the reader sees it whole depends
    // on how the file is read ahead; 40 MiB never fits.
    [Theory]
    [InlineData(1, false, false, 40)]
    [InlineData(2, false, false, 40)]
    [InlineData(1, false, true, 40)]
    [InlineData(2, false, true, 40)]
    [InlineData(1, true, false, 40)]
    [InlineData(2, true, true, 40)]
    [InlineData(1, false, false, 3)]
    [InlineData(2, false, true, 3)]
    public void HugeRecord_SkippedAsTheReaderDoes(int threads, bool gzip, bool readAhead, int fillerMebibytes)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, gzip ? "bomb.json.gz" : "bomb.json");
        WriteBomb(path, gzip, fillerMebibytes);
        var expected = Assert.Single(new CloudTrailReader().ReadFile(path), item => item.Outcome == ReadOutcome.Error);
        var listener = new FailureListener();
        var options = new HuntOptions([path]) { Threads = threads, ReadAheadFrom = readAhead ? 0 : long.MaxValue };

        var summary = new HuntEngine(BuiltInRules.All).Run(options, new CollectingSink(), listener, TestContext.Current.CancellationToken);

        var failure = Assert.Single(listener.Failures);
        Assert.Equal(expected.Location, failure.Location);
        Assert.Equal(expected.Reason, failure.Reason);
        Assert.StartsWith("record 2, byte ", failure.Location, StringComparison.Ordinal);
        Assert.StartsWith("the record is larger than 2 MiB, the maximum size of one record", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(2, summary.Events);
    }

    /// <summary>Writes a delivery object whose second record contains <paramref name="fillerMebibytes"/> MiB of 'A', between two role-chaining records.</summary>
    private static void WriteBomb(string path, bool gzip, int fillerMebibytes)
    {
        using var file = File.Create(path);
        using Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        var first = RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString();
        var third = RoleChaining.Record(3, "2026-12-01T10:00:00Z").ToJsonString();
        output.Write(Encoding.UTF8.GetBytes("{\"Records\":[" + first + ",{\"eventName\":\"X\",\"eventTime\":\"2026-12-01T10:00:00Z\",\"requestParameters\":{\"a\":\""));
        var filler = new byte[1024 * 1024];
        Array.Fill(filler, (byte)'A');
        for (var i = 0; i < fillerMebibytes; i++)
        {
            output.Write(filler);
        }

        output.Write(Encoding.UTF8.GetBytes("\"}}," + third + "]}"));
    }

    private sealed class FailureListener : IHuntListener
    {
        public List<ReadItem> Failures { get; } = [];

        public void RecordFailed(ReadItem failure) => Failures.Add(failure);
    }
}
