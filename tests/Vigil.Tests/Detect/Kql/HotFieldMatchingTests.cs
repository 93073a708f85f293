using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;
using Vigil.Read;
using SharedFolder = Vigil.Tests.Read.SharedData;

namespace Vigil.Tests.Detect;

/// <summary>
/// A compiled query gives the same result on a mapped document, which reads hot fields from its
/// slots, and on a plain document over the same JSON, which walks the tree.
/// </summary>
public class HotFieldMatchingTests
{
    [Fact]
    public void RuleQueriesAgreeOnRealRecords()
    {
        SharedData.RequireRoot();
        var queries = SharedData.KqlRecords("real-rule-queries.jsonl")
            .Where(r => ((string)r["rule_file"]!).Contains("/aws/", StringComparison.Ordinal))
            .Select(r => Kql.Compile((string)r["query"]!, FieldMapping.CloudTrail).Query!)
            .ToList();
        var documents = CloudTrailReader.ExpandPaths([SharedFolder.Require("data/cloudtrail")])
            .SelectMany(new CloudTrailReader().ReadFile)
            .Where(item => item.Outcome == ReadOutcome.Record)
            .Select(item => CloudTrailMapper.Map(item.Record!).Document)
            .ToList();

        var disagreements = (
            from document in documents
            from query in queries
            where query.Matches(document) != query.Matches(new EcsDocument(document.Root))
            select $"{query.Query.ToCanonicalString()} on {document.Root["event"]?["id"]}").Take(5).ToList();

        Assert.NotEmpty(queries);
        Assert.Empty(disagreements);
    }

    [Theory]
    [InlineData("event.action:AssumeRole", true)]
    [InlineData("event.action:Assume*", true)]
    [InlineData("event.action:GetObject", false)]
    [InlineData("not event.action:AssumeRole", false)]
    [InlineData("event.kind:*", false)]
    [InlineData("not event.kind:*", true)]
    [InlineData("event.outcome:success", true)]
    [InlineData("event.outcome:unknown", false)]
    public void HotLeafOnMappedShape(string query, bool expected)
    {
        var document = new EcsDocument(JsonNode.Parse("""{"event":{"action":"AssumeRole","outcome":["success","failure"]}}""")!.AsObject());
        document.FillHotValues();
        var compiled = Kql.Compile(query, FieldMapping.CloudTrail).Query!;

        Assert.Equal(expected, compiled.Matches(document));
        Assert.Equal(expected, compiled.Matches(new EcsDocument(document.Root)));
    }

    [Fact]
    public void HotLeafHonoursIgnoreAbove()
    {
        var mapping = FieldMapping.FromElasticsearchMapping(JsonNode.Parse("""{"event.action": {"type": "keyword", "ignore_above": 4}}""")!);
        var document = new EcsDocument(JsonNode.Parse("""{"event":{"action":"AssumeRole"}}""")!.AsObject());
        document.FillHotValues();

        Assert.False(Kql.Compile("event.action:*", mapping).Query!.Matches(document));
    }
}
