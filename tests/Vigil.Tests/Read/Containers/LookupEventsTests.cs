using System.Text.Json.Nodes;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>The output of <c>aws cloudtrail lookup-events</c>: the record is the <c>CloudTrailEvent</c> JSON string.</summary>
public class LookupEventsTests
{
    private static string LookupEvent(int id) => new JsonObject
    {
        ["EventId"] = $"id-{id}",
        ["EventName"] = "AssumeRole",
        ["ReadOnly"] = "false",
        ["EventTime"] = "2024-01-01T00:00:00+00:00",
        ["EventSource"] = "sts.amazonaws.com",
        ["Resources"] = new JsonArray(new JsonObject { ["ResourceType"] = "AWS::IAM::Role", ["ResourceName"] = "admin" }),
        ["CloudTrailEvent"] = Record(id),
    }.ToJsonString();

    private static string Output(params int[] ids) =>
        $$"""{"Events":[{{string.Join(",", ids.Select(LookupEvent))}}],"NextToken":"abc"}""";

    [Fact]
    public void EachCloudTrailEventIsRecord()
    {
        var items = ReadAll(Output(1, 2, 3));

        Assert.Equal(3, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void RecordComesFromString()
    {
        var record = ReadAll(Output(7)).Records()[0].Record!;

        Assert.Equal("id-7", record["eventID"]!.GetValue<string>());
        Assert.Null(record["EventId"]);
    }

    [Fact]
    public void NdjsonOfLookupEventsIsRead()
    {
        var items = ReadAll(LookupEvent(1) + "\n" + LookupEvent(2) + "\n");

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void ArrayOfLookupEventsIsRead()
    {
        var items = ReadAll($"[{LookupEvent(1)},{LookupEvent(2)}]");

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void InvalidCloudTrailEventIsErrorWithPosition()
    {
        var items = ReadAll("""{"Events":[{"EventId":"a","CloudTrailEvent":"{\"eventName\":"}]}""");

        Assert.Single(items.Errors());
        Assert.Equal("line 1, event 1, byte 11", items[0].Location);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyCloudTrailEventIsPlainError(string text)
    {
        var items = ReadAll($$"""{"Events":[{"EventId":"a","CloudTrailEvent":"{{text}}"}]}""");

        var error = Assert.Single(items.Errors());
        Assert.Contains("empty text", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("isFinalBlock", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NonObjectEventNamedAsEvent()
    {
        var error = Assert.Single(ReadAll("""{"Events":[1]}""").Errors());

        Assert.Contains("event 1 is not a JSON object", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EventWithoutCloudTrailEventIsError()
    {
        var items = ReadAll("""{"Events":[{"EventId":"a"}]}""");

        Assert.Contains("missing CloudTrailEvent", items.Errors().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IndentedOutputErrorNamesTheEventLine()
    {
        var output = $"{{\n  \"Events\": [\n    {LookupEvent(1)},\n    {LookupEvent(2)},\n    {{\"EventId\": \"x\"}}\n  ]\n}}\n";

        var error = Assert.Single(ReadAll(output).Errors());

        Assert.StartsWith("line 5, event 3", error.Location);
    }

    [Fact]
    public void NonArrayEventsIsError()
    {
        var item = Assert.Single(ReadAll("""{"Events":"x","NextToken":"t"}"""));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.Equal("invalid output object: its Events property is not an array, so it contains no events", item.Reason);
    }

    [Fact]
    public void EventsAreStreamedOneByOne()
    {
        var output = Output([.. Enumerable.Range(1, 500)]);
        var items = ReadWithin(output, 64 * 1024);

        Assert.True(output.Length > 2 * 64 * 1024, $"{output.Length} bytes");
        Assert.Empty(items.Errors());
        Assert.Equal(500, items.Records().Count);
        Assert.Equal("line 1, event 500", items[^1].Location);
    }
}
