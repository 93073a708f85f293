using System.Text.Json.Nodes;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>
/// A CloudWatch Logs subscription payload's <c>logEvents</c> array is streamed one log event at a
/// time, so a payload larger than the reader's buffer is read and a fault loses only what it hits.
/// </summary>
public class SubscriptionStreamingTests
{
    // The reader's buffer starts at 64 KiB, so a smaller maximum would not be reached.
    private const int SmallBuffer = 64 * 1024;

    private const int ManyEvents = 2000;

    private static JsonObject Payload(int count, string messageType = "DATA_MESSAGE") => new()
    {
        ["messageType"] = messageType,
        ["owner"] = "111122223333",
        ["logGroup"] = "aws-cloudtrail-logs",
        ["logStream"] = "111122223333_CloudTrail_us-east-1",
        ["subscriptionFilters"] = new JsonArray("to-vigil"),
        ["logEvents"] = LogEvents(count),
    };

    private static JsonArray LogEvents(int count) =>
        [.. Enumerable.Range(1, count).Select(id => (JsonNode)new JsonObject { ["id"] = $"{id}", ["timestamp"] = id, ["message"] = Record(id) })];

    /// <summary>The same payload with <c>logEvents</c> first, which the reader cannot decide on before the array.</summary>
    private static JsonObject LogEventsFirst(int count) => new()
    {
        ["logEvents"] = LogEvents(count),
        ["messageType"] = "DATA_MESSAGE",
        ["owner"] = "111122223333",
    };

    [Fact]
    public void PayloadLargerThanBuffer_Read()
    {
        var text = Payload(ManyEvents).ToJsonString();

        var items = ReadWithin(text, SmallBuffer);

        Assert.True(text.Length > 4 * SmallBuffer, $"the payload is only {text.Length} bytes");
        Assert.Equal(ManyEvents, items.Records().Count);
        Assert.Empty(items.Errors());
        Assert.Equal($"line 1, log event {ManyEvents}", items[^1].Location);
    }

    [Fact]
    public void LogEventsFirst_HeldWhole()
    {
        var text = LogEventsFirst(ManyEvents).ToJsonString();

        var items = ReadWithin(text, SmallBuffer);

        Assert.Empty(items.Records());
        Assert.StartsWith($"the object is larger than {SmallBuffer} bytes, the maximum size of an object read whole", Assert.Single(items.Errors()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LogEventsFirst_SameItemsAsStreamed()
    {
        var streamed = ReadAll(Payload(3).ToJsonString());
        var whole = ReadAll(LogEventsFirst(3).ToJsonString());

        Assert.Equal(3, streamed.Records().Count);
        Assert.Equal(streamed.Select(item => item.Location), whole.Select(item => item.Location));
        Assert.Equal(streamed.Select(item => item.Record!.ToJsonString()), whole.Select(item => item.Record!.ToJsonString()));
    }

    [Fact]
    public void ControlMessage_SkippedWhole()
    {
        var payload = Payload(0, "CONTROL_MESSAGE");

        var items = ReadAll(payload.ToJsonString());

        Assert.Equal("line 1", Assert.Single(items.Skips()).Location);
    }

    [Fact]
    public void RecordKeyFirst_ReadAsRecord()
    {
        var text = $$"""{"eventName":"X","messageType":"DATA_MESSAGE","logEvents":{{LogEvents(2).ToJsonString()}}}""";

        var items = ReadAll(text);

        var record = Assert.Single(items.Records());
        Assert.Equal("X", record.Record!["eventName"]!.GetValue<string>());
    }

    [Fact]
    public void EscapedMessageType_Decoded()
    {
        var text = Payload(2).ToJsonString().Replace("\"messageType\":\"DATA_MESSAGE\"", "\"message\\u0054ype\":\"CONTROL\\u005fMESSAGE\"", StringComparison.Ordinal);

        var items = ReadAll(text);

        Assert.Contains("\\u005f", text, StringComparison.Ordinal);
        Assert.Contains("control message", Assert.Single(items.Skips()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedGzip_KeepsEarlierRecords()
    {
        var compressed = Gzip(Payload(200).ToJsonString());

        var items = ReadAll(compressed[..(compressed.Length / 2)]);

        var error = Assert.Single(items.Errors());
        Assert.True(items.Records().Count > 50, $"only {items.Records().Count} records were kept");
        Assert.StartsWith($"line 1, log event {items.Records().Count + 1}, byte ", error.Location, StringComparison.Ordinal);
        Assert.Contains("gzip member 1 has no valid trailer", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"{items.Records().Count} records recovered before it", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BadBase64Character_KeepsEarlierRecords()
    {
        var text = Convert.ToBase64String(Gzip(Payload(200).ToJsonString())).ToCharArray();
        text[text.Length / 2] = '!';

        var items = ReadAll(new string(text));

        var error = Assert.Single(items.Errors());
        Assert.True(items.Records().Count > 50, $"only {items.Records().Count} records were kept");
        Assert.Contains($"invalid base64 text at line 1, column {text.Length / 2 + 1}", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"{items.Records().Count} records recovered before it", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenLogEvent_OthersKept()
    {
        var text = Payload(5).ToJsonString();
        var broken = text.Replace("\"timestamp\":3", "\"timestamp\":tru", StringComparison.Ordinal);

        var items = ReadAll(Gzip(broken));

        var error = Assert.Single(items.Errors());
        Assert.Equal(4, items.Records().Count);
        Assert.StartsWith("line 1, log event 3, byte ", error.Location, StringComparison.Ordinal);
        Assert.Contains("record 3 is left out (counted as an error) and reading continues", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMessage_OthersKept()
    {
        var payload = Payload(3);
        payload["logEvents"]![1]!.AsObject().Remove("message");

        var items = ReadAll(payload.ToJsonString());

        Assert.Equal(2, items.Records().Count);
        Assert.StartsWith("missing message: the log event has no message string", Assert.Single(items.Errors()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadsBackToBack_AllRead()
    {
        var text = Payload(2).ToJsonString() + Payload(0, "CONTROL_MESSAGE").ToJsonString() + Payload(3).ToJsonString();

        var items = ReadAll(Gzip(text));

        Assert.Equal(5, items.Records().Count);
        Assert.Single(items.Skips());
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void PayloadLineCutShort_NextLinesRead()
    {
        var lines = Enumerable.Range(0, 4).Select(_ => Payload(3).ToJsonString()).ToArray();
        var cut = lines[1].IndexOf("\"id\":\"2\"", StringComparison.Ordinal) + 20;
        lines[1] = lines[1][..cut];

        var items = ReadAll(string.Join('\n', lines) + "\n");

        var error = Assert.Single(items.Errors());
        Assert.Equal(10, items.Records().Count);
        Assert.StartsWith("line 2, log event 2, byte ", error.Location, StringComparison.Ordinal);
        Assert.EndsWith("the line ends inside record 2, which is left out with the rest of the line (counted as an error), and reading continues at line 3", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsLineCutShort_NextLinesRead()
    {
        var line = $$"""{"Records":[{{Record(1)}},{{Record(2)}}]}""";
        var text = string.Join('\n', line, line[..(line.Length - 30)], line) + "\n";

        var items = ReadAll(text);

        Assert.Equal(5, items.Records().Count);
        Assert.EndsWith("reading continues at line 3", Assert.Single(items.Errors()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LastLineCutShort_ReportedAsTruncated()
    {
        var text = Payload(3).ToJsonString();
        var cut = text.IndexOf("\"id\":\"2\"", StringComparison.Ordinal) + 20;

        var items = ReadAll(text + "\n" + text[..cut] + "\n");

        Assert.Equal(4, items.Records().Count);
        Assert.StartsWith("the data ends inside a JSON value", Assert.Single(items.Errors()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedMessageType_RejectedWhole()
    {
        var text = Payload(3).ToJsonString().Replace("{\"messageType\":\"DATA_MESSAGE\"", "{\"messageType\":\"CONTROL_MESSAGE\",\"messageType\":\"DATA_MESSAGE\"", StringComparison.Ordinal);

        var items = ReadAll(text);

        Assert.Empty(items.Records());
        Assert.Contains("messageType", Assert.Single(items.Errors()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadLineWithoutClosingBrace_NextLinesRead()
    {
        var lines = Enumerable.Range(0, 3).Select(_ => Payload(2).ToJsonString()).ToArray();
        lines[1] = lines[1][..^1];

        var items = ReadAll(string.Join('\n', lines) + "\n");

        Assert.Equal(6, items.Records().Count);
        Assert.EndsWith("reading continues at line 3", Assert.Single(items.Errors()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsLineWithoutClosingBrackets_NextLinesRead()
    {
        var line = $$"""{"Records":[{{Record(1)}},{{Record(2)}}]}""";

        var items = ReadAll(string.Join('\n', line, line[..^2], line) + "\n");

        Assert.Equal(6, items.Records().Count);
        Assert.Equal("line 2", Assert.Single(items.Errors()).Location);
    }

    [Theory]
    [InlineData("{\"Records\":[R1,\nR2]}\n")]
    [InlineData("{\"Records\":[R1,R2\n]}\n")]
    [InlineData("{\"Records\":[R1,R2]\n}\n")]
    public void ValidEnvelopeAcrossLines_ReadWhole(string text)
    {
        var items = ReadAll(text.Replace("R1", Record(1), StringComparison.Ordinal).Replace("R2", Record(2), StringComparison.Ordinal));

        Assert.Equal(2, items.Records().Count);
        Assert.Empty(items.Errors());
    }
}
