using System.IO.Compression;
using System.Text;
using Vigil.Read;

namespace Vigil.Tests.Read;

/// <summary>Correctness on a file far larger than the read buffer; memory is measured outside unit tests.</summary>
public sealed class LargeFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vigil-read-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void FiftyMegabyteGzipEnvelope()
    {
        var path = Path.Combine(_directory, "big.json.gz");
        var written = WriteEnvelope(path, targetBytes: 50L * 1024 * 1024);

        var index = 0;
        var ok = true;
        foreach (var item in new CloudTrailReader().ReadFile(path))
        {
            ok &= item.Outcome == ReadOutcome.Record && item.Record!["eventID"]!.GetValue<string>() == $"event-{index}";
            index++;
        }

        Assert.True(ok);
        Assert.Equal(written, index);
    }

    private static int WriteEnvelope(string path, long targetBytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false), 1 << 16);
        writer.Write("{\"Records\":[");
        long size = 0;
        var count = 0;
        while (size < targetBytes)
        {
            var padding = new string((char)('a' + (count % 26)), count % 3000);
            var record = $$$"""{"eventVersion":"1.08","eventTime":"2024-01-01T00:00:00Z","eventName":"GetObject","eventID":"event-{{{count}}}","requestParameters":{"bucketName":"b","key":"{{{padding}}}"}}""";
            writer.Write(count == 0 ? record : "," + record);
            size += record.Length + 1;
            count++;
        }

        writer.Write("]}");
        return count;
    }
}
