using System.Text;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>Whitespace is streamed, and only a record itself may fill the buffer, up to its maximum size.</summary>
public class RecordSizeTests
{
    private const int MaxRecordBytes = 128 * 1024;

    private static readonly string Spaces = new(' ', 1024 * 1024);

    [Fact]
    public void WhitespaceInEnvelopeIsStreamed()
    {
        var items = Read(Gzip($$"""{"Records":[{{Spaces}}{{Record(1)}}{{Spaces}},{{Spaces}}{{Record(2)}}{{Spaces}}]}"""));

        Assert.Empty(items.Errors());
        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void WhitespaceInBareArrayIsStreamed()
    {
        var items = Read(Encoding.UTF8.GetBytes($"[{Spaces}{Record(1)},{Spaces}{Record(2)}]{Spaces}"));

        Assert.Empty(items.Errors());
        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void OversizedEnvelopeRecordIsSkipped()
    {
        var big = Record(2, $",\"requestParameters\":{{\"q\":\"{new string('x', 3 * MaxRecordBytes)}\"}}");

        var items = Read(Encoding.UTF8.GetBytes($$"""{"Records":[{{Record(1)}},{{big}},{{Record(3)}}]}"""));

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Contains("larger than 131072 bytes, the maximum size of one record", error.Reason);
        Assert.StartsWith("record 2, byte ", error.Location);
    }

    [Fact]
    public void OversizedNdjsonLineIsSkipped()
    {
        var big = Record(2, $",\"q\":\"{new string('x', 3 * MaxRecordBytes)}\"");

        var items = Read(Encoding.UTF8.GetBytes($"{Record(1)}\n{big}\n{Record(3)}\n"));

        Assert.Equal(2, items.Records().Count);
        Assert.StartsWith("line 2, byte ", Assert.Single(items.Errors()).Location);
    }

    [Fact]
    public void DefaultLimitSkipsThreeMebibyteLine()
    {
        var big = Record(2, $",\"q\":\"{new string('x', 3 * 1024 * 1024)}\"");

        var items = new CloudTrailReader().ReadFile(new MemoryStream(Encoding.UTF8.GetBytes($"{Record(1)}\n{big}\n{Record(3)}\n")), "test.json").ToList();

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Contains("larger than 2 MiB, the maximum size of one record", error.Reason);
        Assert.StartsWith("line 2, byte ", error.Location);
    }

    private static List<ReadItem> Read(byte[] bytes) =>
        new CloudTrailReader { MaxRecordBytes = MaxRecordBytes }.ReadFile(new MemoryStream(bytes), "test.json").ToList();
}
