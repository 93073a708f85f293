using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Vigil.Read;
using Vigil.Tests.Support;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>A JSON error in gzip data that fails its CRC-32 check is reported as corrupt gzip, and reading still recovers.</summary>
public class CorruptGzipTests
{
    // More records than the reader's first buffer holds, so the check must read ahead past it.
    private const int RecordCount = 2000;

    [Fact]
    public void JsonErrorNamesCrcFailure()
    {
        var error = ReadAll(CorruptGzip()).Errors()[0];

        Assert.StartsWith("record 3, byte ", error.Location);
        Assert.Contains("record 3 is left out (counted as an error)", error.Reason);
        Assert.Contains("the gzip data is corrupt, which explains the error: gzip member 1 fails its CRC-32 check", error.Reason);
    }

    [Fact]
    public void CorruptGzipKeepsLaterRecords()
    {
        var items = ReadAll(CorruptGzip());

        Assert.Equal(RecordCount - 1, items.Records().Count);
        Assert.Equal(2, items.Errors().Count);
    }

    [Fact]
    public void CorruptGzipEndErrorSaysDamaged()
    {
        var error = ReadAll(CorruptGzip())[^1];

        Assert.StartsWith("gzip member 1 fails its CRC-32 check", error.Reason);
        Assert.Contains($"{RecordCount - 1} records recovered before it, which may be damaged too", error.Reason);
        Assert.Contains("download it again, or check it with 'gzip -t'", error.Reason);
    }

    [Fact]
    public void IntactGzipJsonErrorIsPlain()
    {
        var items = ReadAll(Gzip(Damaged()));

        var error = Assert.Single(items.Errors());
        Assert.DoesNotContain("gzip", error.Reason);
        Assert.Equal(RecordCount - 1, items.Records().Count);
        Assert.Equal($"record {RecordCount}", items[^1].Location);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void RawReadNamesCrcFailure(long readAheadFrom)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "corrupt.json.gz");
        File.WriteAllBytes(path, CorruptGzip());
        var records = 0;

        var items = new CloudTrailReader { ReadAheadFrom = readAheadFrom }.ReadFileRaw(path, (_, _, _, _, _, _) => records++).ToList();

        Assert.Equal(RecordCount - 1, records);
        Assert.Contains("which explains the error: gzip member 1 fails its CRC-32 check", items[0].Reason);
        Assert.StartsWith("gzip member 1 fails its CRC-32 check", items[^1].Reason);
    }

    private static string Intact() => "{\"Records\":[" + string.Join(",", Enumerable.Range(1, RecordCount).Select(i => Record(i))) + "]}";

    /// <summary>The delivery object with record 3's closing brace turned into a space, so it runs into record 4.</summary>
    private static string Damaged()
    {
        var text = Intact();
        var end = text.IndexOf(Record(3), StringComparison.Ordinal) + Record(3).Length - 1;
        return string.Concat(text.AsSpan(0, end), " ", text.AsSpan(end + 1));
    }

    /// <summary>Gzip of the damaged text with the CRC-32 of the intact text in its trailer, as a flipped bit in transit leaves it.</summary>
    private static byte[] CorruptGzip()
    {
        var gzip = Gzip(Damaged());
        BinaryPrimitives.WriteUInt32LittleEndian(gzip.AsSpan(gzip.Length - 8), Crc32.HashToUInt32(Encoding.UTF8.GetBytes(Intact())));
        return gzip;
    }
}
