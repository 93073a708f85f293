using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>Gzip files cut short, including cuts that fall exactly between two NDJSON lines.</summary>
public class TruncatedGzipTests
{
    private static readonly string Lines = string.Concat(Enumerable.Range(0, 2000).Select(i => Record(i, $",\"pad\":\"{i * 7919}\"") + "\n"));

    [Fact]
    public void MissingTrailerIsReported()
    {
        var whole = Gzip(Lines);

        var items = ReadAll(whole[..^8]);

        Assert.Equal(2000, items.Records().Count);
        Assert.Contains("has no valid trailer", items.Errors().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialTrailerIsReported()
    {
        var whole = Gzip(Lines);

        var items = ReadAll(whole[..^3]);

        Assert.Single(items.Errors());
    }

    [Fact]
    public void CutAtLineEndReportsRecoveredCount()
    {
        var whole = Gzip(Lines);

        var items = ReadAll(whole[..^8]);

        Assert.Contains("2000 records recovered", items.Errors().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CutInsideDeflateDataIsReported()
    {
        var whole = Gzip(Lines);

        var items = ReadAll(whole[..(whole.Length / 2)]);

        var error = items.Errors().Single();
        Assert.InRange(items.Records().Count, 1, 1999);
        Assert.Contains($"{items.Records().Count} records recovered", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorNamesFileAndPosition()
    {
        var whole = Gzip(Lines);

        var error = ReadAll(whole[..^8]).Errors().Single();

        Assert.Equal("test.json", error.File);
        Assert.StartsWith("byte ", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongCrcIsReported()
    {
        var whole = Gzip(Lines);
        whole[^8] ^= 0xFF;

        var items = ReadAll(whole);

        Assert.Single(items.Errors());
    }

    [Fact]
    public void TruncatedSecondMemberKeepsFirst()
    {
        var first = Gzip(Record(1) + "\n");
        var second = Gzip(Record(2) + "\n");
        var file = first.Concat(second[..^8]).ToArray();

        var items = ReadAll(file);

        Assert.Equal(2, items.Records().Count);
        Assert.Contains("gzip member 2", items.Errors().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CutInsideHeaderIsReported()
    {
        var items = ReadAll(Gzip(Lines)[..5]);

        Assert.Contains("inside the header", items.Errors().Single().Reason, StringComparison.Ordinal);
    }
}
