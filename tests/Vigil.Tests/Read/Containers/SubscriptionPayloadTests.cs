using System.Text.Json.Nodes;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>CloudWatch Logs subscription-filter payloads: base64 text of gzip JSON, bare or in a Lambda event.</summary>
public class SubscriptionPayloadTests
{
    private static string Payload(string messageType, params int[] ids) => new JsonObject
    {
        ["messageType"] = messageType,
        ["owner"] = "111122223333",
        ["logGroup"] = "aws-cloudtrail-logs",
        ["logStream"] = "111122223333_CloudTrail_us-east-1",
        ["subscriptionFilters"] = new JsonArray("to-lambda"),
        ["logEvents"] = new JsonArray(ids.Select(id => (JsonNode)new JsonObject { ["id"] = $"{id}", ["timestamp"] = 1, ["message"] = Record(id) }).ToArray()),
    }.ToJsonString();

    private static string Base64Gzip(string json) => Convert.ToBase64String(Gzip(json));

    [Fact]
    public void ConcatenatedPayloads_ErrorNamesByte()
    {
        // Firehose writes payloads back to back on one line, and each one numbers its log events from 1.
        var first = Payload("DATA_MESSAGE", 1);
        var second = new JsonObject
        {
            ["messageType"] = "DATA_MESSAGE",
            ["logEvents"] = new JsonArray(new JsonObject { ["id"] = "2", ["timestamp"] = 1, ["message"] = "{\"eventName\":" }),
        }.ToJsonString();
        var text = first + second;

        var error = Assert.Single(ReadAll(text).Errors());

        var secondEvent = first.Length + second.IndexOf("{\"id\"", StringComparison.Ordinal);
        Assert.Equal($"line 1, log event 1, byte {secondEvent}", error.Location);
    }

    [Fact]
    public void LambdaEventIsDecoded()
    {
        var lambdaEvent = new JsonObject { ["awslogs"] = new JsonObject { ["data"] = Base64Gzip(Payload("DATA_MESSAGE", 1, 2)) } };

        var items = ReadAll(lambdaEvent.ToJsonString());

        Assert.Equal(2, items.Records().Count);
        Assert.Equal("line 1, awslogs.data, log event 2", items[1].Location);
    }

    [Fact]
    public void LambdaEvent_TwoPayloads_BothRead()
    {
        var first = Base64Gzip(Payload("DATA_MESSAGE", 1, 2));
        var data = first + Base64Gzip(Payload("DATA_MESSAGE", 3));
        var lambdaEvent = new JsonObject { ["awslogs"] = new JsonObject { ["data"] = data } };

        var items = ReadAll(lambdaEvent.ToJsonString());

        Assert.EndsWith("=", first, StringComparison.Ordinal);
        Assert.Empty(items.Errors());
        Assert.Equal(3, items.Records().Count);
        Assert.Equal("line 1, awslogs.data, payload 1, log event 2", items[1].Location);
        Assert.Equal("line 1, awslogs.data, payload 2, log event 1", items[2].Location);
    }

    [Fact]
    public void LambdaEvent_BadSecondPayload_KeepsFirst()
    {
        var data = Base64Gzip(Payload("DATA_MESSAGE", 1, 2)) + Base64Gzip("{\"messageType\":");
        var lambdaEvent = new JsonObject { ["awslogs"] = new JsonObject { ["data"] = data } };

        var items = ReadAll(lambdaEvent.ToJsonString());

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 1, awslogs.data, payload 2", error.Location);
        Assert.StartsWith("awslogs.data: the record is not valid JSON", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BareBase64BlobIsDecoded()
    {
        var items = ReadAll(Base64Gzip(Payload("DATA_MESSAGE", 1, 2, 3)));

        Assert.Equal(3, items.Records().Count);
    }

    [Fact]
    public void WrappedBase64BlobIsDecoded()
    {
        var wrapped = string.Join("\n", Base64Gzip(Payload("DATA_MESSAGE", 1)).Chunk(76).Select(c => new string(c))) + "\n";

        var items = ReadAll(wrapped);

        Assert.Single(items.Records());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void NarrowWrappedBase64_Decoded(int width)
    {
        var wrapped = string.Join("\r\n", Base64Gzip(Payload("DATA_MESSAGE", 1, 2)).Chunk(width).Select(c => new string(c))) + "\r\n";

        var items = ReadAll(wrapped);

        Assert.Equal(2, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void ControlMessageIsSkipped()
    {
        var items = ReadAll(Base64Gzip(Payload("CONTROL_MESSAGE")));

        Assert.Contains("control message", items.Skips().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipPayloadIsRead()
    {
        var items = ReadAll(Gzip(Payload("DATA_MESSAGE", 1, 2)));

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void InvalidBase64DataIsError()
    {
        var items = ReadAll("""{"awslogs":{"data":"not base64!"}}""");

        Assert.Contains("not base64", items.Errors().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedDataIsError()
    {
        var data = Convert.ToBase64String(Gzip(Payload("DATA_MESSAGE", 1))[..^8]);

        var lambdaEvent = new JsonObject { ["awslogs"] = new JsonObject { ["data"] = data } };

        var items = ReadAll(lambdaEvent.ToJsonString());

        Assert.Contains("not complete gzip data", items.Errors().Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidBareBlobIsError()
    {
        var items = ReadAll("H4sI!!!!");

        Assert.Single(items.Errors());
    }

    [Fact]
    public void BareBlob_BadCharacter_NamesBase64()
    {
        var early = Base64Gzip(Payload("DATA_MESSAGE", 1, 2, 3)).ToCharArray();
        early[early.Length / 2] = '!';
        var late = Base64Gzip(Payload("DATA_MESSAGE", [.. Enumerable.Range(1, 20000)])).ToCharArray();
        late[late.Length - 100] = '!';

        var earlyError = ReadAll(new string(early)).Errors().Single();
        var lateError = ReadAll(new string(late)).Errors().Single();

        Assert.Contains($"invalid base64 text at line 1, column {early.Length / 2 + 1}: '!' is not a base64 character", earlyError.Reason, StringComparison.Ordinal);
        Assert.Contains($"invalid base64 text at line 1, column {late.Length - 99}: '!' is not a base64 character", lateError.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PayloadPerLine_AllDecoded()
    {
        // Payloads whose length is not a multiple of three end in padding, which ends a payload.
        var lines = new[] { Payload("DATA_MESSAGE", 1), Payload("DATA_MESSAGE", 2, 3), Payload("CONTROL_MESSAGE"), Payload("DATA_MESSAGE", 4) }
            .Select(Base64Gzip)
            .ToArray();

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Contains(lines, line => line.EndsWith('='));
        Assert.Equal(4, items.Records().Count);
        Assert.Single(items.Skips());
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void ByteOrderMarkBeforeBase64_Decoded()
    {
        var text = Base64Gzip(Payload("DATA_MESSAGE", 1, 2)) + "\n";

        var items = ReadAll([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.ASCII.GetBytes(text)]);

        Assert.Equal(2, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void StrippedPaddingPerLine_AllDecoded()
    {
        // A line break ends a payload's text, so a line whose '=' padding was stripped still decodes.
        var lines = new[] { Payload("DATA_MESSAGE", 1), Payload("DATA_MESSAGE", 2, 3), Payload("DATA_MESSAGE", 4) }
            .Select(payload => Base64Gzip(payload).TrimEnd('='))
            .ToArray();

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Contains(lines, line => line.Length % 4 != 0);
        Assert.Equal(4, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void StrippedPaddingAligned_AllDecoded()
    {
        // Two lines that each lose "==" leave text of whole groups, which decoded as one text would
        // be misaligned. Each line is decoded as a payload of its own.
        var lines = Enumerable.Range(1, 40)
            .Select(id => Base64Gzip(Payload("DATA_MESSAGE", id)))
            .Where(line => line.EndsWith("==", StringComparison.Ordinal))
            .Take(2)
            .Select(line => line[..^2])
            .ToArray();

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(2, lines.Length);
        Assert.Equal(2, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void BadMiddleLine_KeepsLaterPayloads(string lineBreak)
    {
        // Kinesis output stores one payload per line, so a damaged line loses only its own payload.
        var lines = new[] { Payload("DATA_MESSAGE", 1, 2), Payload("DATA_MESSAGE", 3), Payload("DATA_MESSAGE", 4, 5) }.Select(Base64Gzip).ToArray();
        lines[1] = lines[1][..10] + "-" + lines[1][11..];

        var items = ReadAll(string.Join(lineBreak, lines) + lineBreak);

        Assert.Equal(["id-1", "id-2", "id-4", "id-5"], items.Records().Select(item => item.Record!["eventID"]!.GetValue<string>()));
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 2", error.Location);
        Assert.StartsWith("invalid base64 text at line 2, column 11: '-' is not a base64 character; the line is left out (counted as an error)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSecondLine_KeepsFirstPayload()
    {
        var first = Base64Gzip(Payload("DATA_MESSAGE", 1, 2));
        var second = Base64Gzip(Payload("DATA_MESSAGE", 3)).Replace('A', '#');

        var items = ReadAll($"{first}\n{second}\n");

        Assert.Equal(2, items.Records().Count);
        Assert.Contains("invalid base64 text at line 2, column", items.Errors().Single().Reason, StringComparison.Ordinal);
    }
}
