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
    public void LambdaEventIsDecoded()
    {
        var lambdaEvent = new JsonObject { ["awslogs"] = new JsonObject { ["data"] = Base64Gzip(Payload("DATA_MESSAGE", 1, 2)) } };

        var items = ReadAll(lambdaEvent.ToJsonString());

        Assert.Equal(2, items.Records().Count);
        Assert.Equal("line 1, awslogs.data, log event 2", items[1].Location);
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

        Assert.Contains("invalid base64 text in the first block decoded", earlyError.Reason, StringComparison.Ordinal);
        Assert.StartsWith("invalid base64 text after decoded byte", lateError.Reason, StringComparison.Ordinal);
    }
}
