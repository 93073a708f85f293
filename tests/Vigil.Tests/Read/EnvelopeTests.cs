using System.Text.Json;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

public class EnvelopeTests
{
    [Fact]
    public void EventBridgeDetailIsTheRecord()
    {
        var text = $$"""{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.sts","detail":{{Record(5)}}}""";

        var item = Assert.Single(ReadAll(text));

        Assert.Equal(ReadOutcome.Record, item.Outcome);
        Assert.Equal("id-5", item.Record!["eventID"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"{\\\"eventName\\\":\\\"AssumeRole\\\"}\"", "a string")]
    [InlineData("[]", "an array")]
    [InlineData("null", "null")]
    public void EventBridgeDetailNotObjectIsError(string detail, string kind)
    {
        var text = $$"""{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.sts","detail":{{detail}}}""";

        var item = Assert.Single(ReadAll(text));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.Equal("line 1, byte 0", item.Location);
        Assert.StartsWith($"invalid EventBridge event: its detail is {kind}, but it must be an object", item.Reason);
    }

    [Fact]
    public void SecondRecordsArrayIsReadAndReported()
    {
        var text = $$"""{"Records":[{{Record(1)}},{{Record(2)}}],"x":{"Records":[]},"Records":[{{Record(3)}}]}""" + "\n" + Record(4);

        var items = ReadAll(text);

        Assert.Equal(["id-1", "id-2", "id-3", "id-4"], items.Records().Select(item => item.Record!["eventID"]!.GetValue<string>()));
        var error = Assert.Single(items.Errors());
        Assert.Contains("a second Records array", error.Reason);
        Assert.Equal("record 3", items.Records()[2].Location);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("\"text\"")]
    public void SecondRecordsKeyNotArrayIsReported(string value)
    {
        var items = ReadAll($$"""{"Records":[{{Record(1)}}],"Records":{{value}}}""");

        Assert.Single(items.Records());
        Assert.Contains("a second Records key, whose value is not an array", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void CloudWatchLogEventsAreRecords()
    {
        var events = string.Join(",", Enumerable.Range(1, 3).Select(i => $$"""{"id":"{{i}}","timestamp":0,"message":{{JsonSerializer.Serialize(Record(i))}}}"""));
        var payload = $$"""{"messageType":"DATA_MESSAGE","owner":"111122223333","logEvents":[{{events}},{"id":"4","message":"not json"}]}""";

        var items = ReadAll(Gzip(payload).Concat(Gzip("""{"messageType":"CONTROL_MESSAGE","logEvents":[]}""")).ToArray());

        Assert.Equal(3, items.Records().Count);
        Assert.Equal("line 1, log event 3", items[2].Location);
        Assert.Single(items.Errors());
        Assert.Contains("control message", Assert.Single(items.Skips()).Reason);
    }
}
