using System.Text.Json.Nodes;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>CloudWatch Logs exports of a trail's log group: the record is each log event's <c>message</c>.</summary>
public class CloudWatchLogsExportTests
{
    private static JsonObject LogEvent(int id) => new()
    {
        ["logStreamName"] = "111122223333_CloudTrail_us-east-1",
        ["timestamp"] = 1704067200000,
        ["message"] = Record(id),
        ["ingestionTime"] = 1704067201000,
        ["eventId"] = $"3795{id}",
    };

    [Fact]
    public void FilterLogEventsOutputIsRead()
    {
        var output = new JsonObject { ["events"] = new JsonArray(LogEvent(1), LogEvent(2)), ["searchedLogStreams"] = new JsonArray() };

        var items = ReadAll(output.ToJsonString());

        Assert.Equal(2, items.Records().Count);
        Assert.Equal("id-2", items[1].Record!["eventID"]!.GetValue<string>());
    }

    [Fact]
    public void LogEventPerLineIsRead()
    {
        var items = ReadAll(LogEvent(1).ToJsonString() + "\n" + LogEvent(2).ToJsonString() + "\n");

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void S3ExportLinesLoseTimestamps()
    {
        var export = $"2024-01-01T00:00:00.000Z {Record(1)}\n2024-01-01T00:00:01.000Z {Record(2)}\n";

        var items = ReadAll(Gzip(export));

        Assert.Equal(2, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void S3ExportBrokenLineIsReportedAndSkipped()
    {
        var export = $"2024-01-01T00:00:00.000Z {Record(1)}\n2024-01-01T00:00:01.000Z {{\"eventName\": nope}}\n2024-01-01T00:00:02.000Z {Record(3)}\n";

        var items = ReadAll(export);

        Assert.Equal(2, items.Records().Count);
        Assert.Equal("line 2", items.Errors().Single().Location.Split(',')[0]);
    }

    [Fact]
    public void MessageThatIsNotJsonIsError()
    {
        var items = ReadAll("""{"events":[{"timestamp":1,"message":"not json"}]}""");

        Assert.Single(items.Errors());
        Assert.Equal("line 1, log event 1, byte 11", items[0].Location);
    }

    [Fact]
    public void FilterLogEventsOutputIsStreamed()
    {
        var output = new JsonObject
        {
            ["events"] = new JsonArray([.. Enumerable.Range(1, 500).Select(i => (JsonNode)LogEvent(i))]),
            ["searchedLogStreams"] = new JsonArray(),
        }.ToJsonString();
        var items = ReadWithin(output, 64 * 1024);

        Assert.True(output.Length > 2 * 64 * 1024, $"{output.Length} bytes");
        Assert.Empty(items.Errors());
        Assert.Equal(500, items.Records().Count);
        Assert.Equal("line 1, log event 500", items[^1].Location);
    }

    [Fact]
    public void LogEventWithoutMessageIsError()
    {
        var error = Assert.Single(ReadAll("""{"events":[{"timestamp":1}]}"""));

        Assert.Equal("missing message: the log event has no message string, so it contains no CloudTrail record", error.Reason);
    }
}
