using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Support;
using SharedFolder = Vigil.Tests.Read.SharedData;

namespace Vigil.Tests.Map;

/// <summary>
/// The mapper copies a freshly parsed record from its parsed JSON, and a record whose nodes were
/// already built from those nodes. Both copies must give the same document.
/// </summary>
public class ParsedRecordTests
{
    [Fact]
    public void ParsedRecordExposesElement()
    {
        var record = JsonNode.Parse("""{"eventName":"AssumeRole"}""")!.AsObject();

        Assert.True(ParsedJson.TryGetElement(record, out _));
    }

    [Fact]
    public void ReadRecordHidesElement()
    {
        var record = JsonNode.Parse("""{"eventName":"AssumeRole"}""")!.AsObject();
        _ = record["eventName"];

        Assert.False(ParsedJson.TryGetElement(record, out _));
    }

    [Fact]
    public void ParsedAndBuiltAgreeOnSamples() => AssertParsedAndBuiltAgree(RepoPaths.Samples);

    [Fact]
    public void ParsedAndBuiltAgreeOnRealRecords() => AssertParsedAndBuiltAgree(SharedFolder.Require("data/cloudtrail"));

    [Theory]
    [InlineData("""{"eventName":"A","eventName":"B"}""")]
    [InlineData("""{"eventName":"","eventName":"B"}""")]
    [InlineData("""{"userIdentity":{"type":"Root","type":"IAMUser"}}""")]
    [InlineData("""{"resources":[{"ARN":"a","ARN":"b"}]}""")]
    public void RepeatedKeyRejected(string json)
    {
        var record = JsonNode.Parse(json)!.AsObject();

        Assert.Throws<ArgumentException>(() => CloudTrailMapper.Map(record));
    }

    [Fact]
    public void CollidingKeysNotRepeated()
    {
        // "Aa" and "BB" have the same Java String.hashCode, so they share a bucket.
        JavaHashMapOrder.Positions(["Aa", "BB", "AaAa", "BBBB", "AaBB"], out var repeated);

        Assert.False(repeated);
    }

    [Fact]
    public void RepeatInLargeBucketFound()
    {
        // Eleven keys with one Java hash code, more than are compared pairwise; the first repeats at the end.
        string[] keys =
        [
            "AaAaAaAa", "AaBBAaAa", "BBAaAaAa", "BBBBAaAa", "AaAaAaBB", "AaAaBBBB",
            "AaBBAaBB", "AaBBBBBB", "BBAaAaBB", "BBAaBBBB", "AaAaAaAa",
        ];

        JavaHashMapOrder.Positions(keys, out var repeated);

        Assert.True(repeated);
    }

    private static void AssertParsedAndBuiltAgree(string folder)
    {
        var texts = CloudTrailReader.ExpandPaths([folder]).SelectMany(new CloudTrailReader().ReadFile)
            .Where(item => item.Outcome == ReadOutcome.Record)
            .Select(item => item.Record!.ToJsonString())
            .ToList();

        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            var parsed = JsonNode.Parse(text)!.AsObject();
            var built = JsonNode.Parse(text)!.AsObject();
            _ = built.Count;

            var fromParsed = CloudTrailMapper.Map(parsed);
            var fromBuilt = CloudTrailMapper.Map(built);

            Assert.Equal(fromBuilt.Document.Root.ToJsonString(), fromParsed.Document.Root.ToJsonString());
            Assert.Equal(fromBuilt.Error, fromParsed.Error);
        }
    }
}
