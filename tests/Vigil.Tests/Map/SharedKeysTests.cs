using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Tests.Map;

/// <summary>
/// The mapper looks fields up by the segments of its own paths, and those lookups skip comparing
/// characters only when the documents' keys are the very same instances.
/// </summary>
public class SharedKeysTests
{
    private const string Record = """
        {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/r/s"},
        "eventTime":"2026-01-01T00:00:00Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRole",
        "awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","requestParameters":{"roleArn":"arn:aws:iam::1:role/x"}}
        """;

    [Fact]
    public void DocumentsShareKeyInstances()
    {
        var first = CloudTrailMapper.Map(JsonNode.Parse(Record)!.AsObject()).Document.Root;
        var second = CloudTrailMapper.Map(JsonNode.Parse(Record)!.AsObject()).Document.Root;

        Assert.Equal(first.Select(member => member.Key), second.Select(member => member.Key));
        foreach (var ((firstKey, firstValue), (secondKey, secondValue)) in first.Zip(second))
        {
            Assert.Same(firstKey, secondKey);
            if (firstValue is JsonObject firstChild && secondValue is JsonObject secondChild)
            {
                Assert.All(firstChild.Zip(secondChild), pair => Assert.Same(pair.First.Key, pair.Second.Key));
            }
        }
    }

    [Fact]
    public void CopiedRecordKeysAreShared()
    {
        var document = CloudTrailMapper.Map(JsonNode.Parse(Record)!.AsObject()).Document.Root;
        var flattened = document["aws"]!["cloudtrail"]!["flattened"]!["request_parameters"]!.AsObject();

        Assert.Same(SharedKeys.Get(new string("roleArn".AsSpan())), flattened.GetAt(0).Key);
    }

    [Fact]
    public void EqualTextGivesOneInstance()
    {
        var first = SharedKeys.Get(new string("sessionIssuer".AsSpan()));

        Assert.Same(first, SharedKeys.Get(new string("sessionIssuer".AsSpan())));
    }
}
