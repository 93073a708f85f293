using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

public class ContainerTests
{
    [Fact]
    public void EnvelopeYieldsEachRecord()
    {
        var items = ReadAll($$"""{"Records":[{{Record(1)}},{{Record(2)}}]}""");

        Assert.Equal(2, items.Records().Count);
        Assert.Equal("record 2", items[1].Location);
        Assert.Equal("id-2", items[1].Record!["eventID"]!.GetValue<string>());
    }

    [Fact]
    public void EnvelopeWithPropertiesAroundRecords()
    {
        var items = ReadAll($$"""{"before":{"x":[1,2]},"Records":[{{Record(1)}}],"after":[{"y":1}]}""");

        Assert.Single(items);
        Assert.Equal(ReadOutcome.Record, items[0].Outcome);
    }

    [Fact]
    public void BareArrayYieldsEachRecord()
    {
        var items = ReadAll($"[\n  {Record(1)},\n  {Record(2)}\n]\n");

        Assert.Equal(2, items.Records().Count);
        Assert.Equal("line 2, record 1", items[0].Location);
        Assert.Equal("line 3, record 2", items[1].Location);
    }

    [Fact]
    public void NdjsonYieldsOneRecordPerLine()
    {
        var items = ReadAll($"{Record(1)}\n\n{Record(2)}\r\n{Record(3)}");

        Assert.Equal(3, items.Records().Count);
        Assert.Equal("line 3", items[1].Location);
        Assert.Equal("line 4", items[2].Location);
    }

    [Fact]
    public void SingleObjectIsOneRecord()
    {
        var items = ReadAll("\uFEFF  " + Record(7) + "\n");

        var item = Assert.Single(items);
        Assert.True(item.Outcome == ReadOutcome.Record, item.Reason);
        Assert.Equal("line 1", item.Location);
    }

    [Fact]
    public void GzipMultiMemberReadsAllMembers()
    {
        var bytes = Gzip(Record(1) + "\n").Concat(Gzip(Record(2) + "\n")).ToArray();

        var items = ReadAll(bytes);

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void GzipEnvelopeIsDetectedByContent()
    {
        var items = ReadAll(Gzip($$"""{"Records":[{{Record(1)}}]}"""));

        Assert.Single(items.Records());
    }

    [Fact]
    public void ConcatenatedEnvelopesAreAllRead()
    {
        var envelope = $$"""{"Records":[{{Record(1)}},{{Record(2)}}]}""";

        var items = ReadAll(envelope + "\n" + envelope);

        Assert.Equal(4, items.Records().Count);
        Assert.Equal("line 2, record 1", items[2].Location);
    }

    [Fact]
    public void RecordLargerThanBufferIsRead()
    {
        var big = new string('x', 300_000);
        var items = ReadAll($$"""{"Records":[{{Record(1)}},{{Record(2, $",\"requestParameters\":{{\"q\":\"{big}\"}}")}},{{Record(3)}}]}""");

        Assert.Equal(3, items.Records().Count);
        Assert.Equal(big, items[1].Record!["requestParameters"]!["q"]!.GetValue<string>());
    }
}
