using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

public class GzipErrorTests
{
    [Fact]
    public void MagicOnlyIsTruncatedError()
    {
        var item = Assert.Single(ReadAll(new byte[] { 0x1F, 0x8B }));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.StartsWith("the file ends inside the header of gzip member 1", item.Reason);
    }

    [Fact]
    public void CrcMismatchIsCorruptError()
    {
        var gzip = Gzip(string.Join("\n", Enumerable.Range(1, 3).Select(i => Record(i))));
        gzip[^8] ^= 0xFF;

        var items = ReadAll(gzip);

        var error = Assert.Single(items.Errors());
        Assert.StartsWith("gzip member 1 fails its CRC-32 check", error.Reason);
        Assert.Contains("3 records recovered before it, which may be damaged too", error.Reason);
        Assert.DoesNotContain("compression method", error.Reason);
    }

    [Fact]
    public void CorruptDataCountsRecovered()
    {
        var gzip = Gzip(string.Join("\n", Enumerable.Range(1, 500).Select(i => Record(i))));
        for (var i = 40; i < 60; i++)
        {
            gzip[i] = 0xFF;
        }

        var error = ReadAll(gzip)[^1];

        Assert.Contains("recovered before it, the rest of the file is not read", error.Reason);
        Assert.DoesNotContain("compression method", error.Reason);
    }
}
