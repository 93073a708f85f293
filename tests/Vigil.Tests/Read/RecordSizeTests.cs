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

    [Fact]
    public void WrapperOverTheRecordLimitIsRead()
    {
        var events = Enumerable.Range(1, 400)
            .Select(i => new System.Text.Json.Nodes.JsonObject { ["EventId"] = $"{i}", ["CloudTrailEvent"] = Record(i, $",\"pad\":\"{new string('x', 500)}\"") });
        var lookup = new System.Text.Json.Nodes.JsonObject { ["Events"] = new System.Text.Json.Nodes.JsonArray([.. events]) }.ToJsonString();

        var items = Read(Encoding.UTF8.GetBytes(lookup));

        Assert.True(lookup.Length > 2 * MaxRecordBytes);
        Assert.Empty(items.Errors());
        Assert.Equal(400, items.Records().Count);
    }

    [Fact]
    public void OversizedSingleRecordObjectIsAnError()
    {
        var big = Record(1, $",\"q\":\"{new string('x', 3 * MaxRecordBytes)}\"");

        var error = Assert.Single(Read(Encoding.UTF8.GetBytes(big)));

        Assert.Equal(ReadOutcome.Error, error.Outcome);
        Assert.Equal("line 1, byte 0", error.Location);
        Assert.Equal("the record is larger than 131072 bytes, the maximum size of one record; CloudTrail's largest events are 1 MB, so check what wrote this record; it is the last line of the file", error.Reason);
    }

    [Fact]
    public void RecordOverValueLimitIsAnError()
    {
        var zeros = string.Join(",", Enumerable.Repeat("0", RecordLimits.MaxRecordValues));
        var text = $"{Record(1, $",\"a\":[{zeros}]")}\n{Record(2)}\n";

        var items = new CloudTrailReader().ReadFile(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.json").ToList();

        Assert.Single(items.Records());
        Assert.StartsWith("the record contains more than 100,000 JSON values", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void ScanFailsOverValueLimitOnly()
    {
        string Values(int count) => Record(1, $",\"a\":[{string.Join(",", Enumerable.Repeat("0", count))}]");
        var scanner = new RecordScanner();
        var atLimit = Encoding.UTF8.GetBytes(Values(RecordLimits.MaxRecordValues - 200));
        var overLimit = Encoding.UTF8.GetBytes(Values(RecordLimits.MaxRecordValues));

        Assert.True(scanner.TryScan(atLimit, out _));
        Assert.True(RecordParser.TryParse(atLimit, out _, out _));
        Assert.False(scanner.TryScan(overLimit, out _));
        Assert.False(RecordParser.TryParse(overLimit, out _, out _));
    }

    private static List<ReadItem> Read(byte[] bytes) =>
        new CloudTrailReader { MaxRecordBytes = MaxRecordBytes }.ReadFile(new MemoryStream(bytes), "test.json").ToList();
}
