using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

/// <summary>
/// Exists on an object field. Elasticsearch 8 expands <c>exists</c> on a name that is no field of its
/// own to the fields below it (ExistsQueryBuilder.getMappedFields) and matches when any of them has an
/// indexed value. Each expected result is what Elasticsearch returns for the document.
/// </summary>
public class ObjectExistsTests
{
    private const string MultiFieldMapping = """
        {"properties": {"agent": {"properties": {"original": {"type": "keyword", "ignore_above": 5,
          "fields": {"text": {"type": "match_only_text"}}}}}}}
        """;

    private const string KeywordOnlyMapping = """
        {"properties": {"agent": {"properties": {"original": {"type": "keyword", "ignore_above": 5}}}}}
        """;

    private const string NestedMapping = """
        {"properties": {"a": {"properties": {"n": {"type": "nested", "properties": {"x": {"type": "keyword"}}}}}}}
        """;

    private static bool Matches(string query, string document, string? mapping = null)
    {
        var fields = mapping is null ? FieldMapping.CloudTrail : FieldMapping.FromElasticsearchMapping(JsonNode.Parse(mapping)!);
        var compiled = Kql.Compile(query, fields);
        Assert.True(compiled.Success, compiled.Error?.ToString());
        return compiled.Predicate!(new EcsDocument(JsonNode.Parse(document)!.AsObject()));
    }

    // No CloudTrail field is named custom or starts with it, so the document alone decides.
    [Theory]
    [InlineData("""{"custom": {"name": "bob"}}""", true)]
    [InlineData("""{"custom": {"target": {"name": "svc"}}}""", true)]
    [InlineData("""{"custom.name": "bob"}""", true)]
    [InlineData("""{"custom": [{"name": null}, {"id": "u1"}]}""", true)]
    [InlineData("""{"custom": {"name": ""}}""", true)]
    [InlineData("""{"custom": "bob"}""", true)]
    [InlineData("""{"custom": {}}""", false)]
    [InlineData("""{"custom": {"name": null, "id": []}}""", false)]
    [InlineData("""{"custom_agent": {"original": "aws-cli"}}""", false)]
    [InlineData("""{"customer": "bob"}""", false)]
    public void UnlistedObjectCustom(string document, bool expected)
    {
        Assert.Equal(expected, Matches("custom:*", document));
    }

    [Fact]
    public void UnlistedObjectKeywordOverLimitNotIndexed()
    {
        var document = new JsonObject { ["custom"] = new JsonObject { ["name"] = new string('x', 1025) } }.ToJsonString();

        Assert.False(Matches("custom:*", document));
    }

    [Fact]
    public void ListedObjectLongKeywordInTextField()
    {
        // ECS indexes user.name again as the match_only_text user.name.text, which has no ignore_above.
        var document = new JsonObject { ["user"] = new JsonObject { ["name"] = new string('x', 1025) } }.ToJsonString();

        Assert.True(Matches("user:*", document));
        Assert.False(Matches("user.name:*", document));
        Assert.True(Matches("user.name.text:*", document));
    }

    [Fact]
    public void NegatedExistsOnEmptyObject()
    {
        Assert.True(Matches("not user:*", """{"user": {}}"""));
        Assert.False(Matches("not user:*", """{"user": {"name": "bob"}}"""));
    }

    [Fact]
    public void ObjectWithListedSubFields()
    {
        Assert.True(Matches("aws.cloudtrail.user_identity:*", """{"aws": {"cloudtrail": {"user_identity": {"type": "IAMUser"}}}}"""));
        Assert.False(Matches("aws.cloudtrail.user_identity:*", """{"aws": {"cloudtrail": {"user_identity": {"session_context": {}}}}}"""));
        Assert.False(Matches("aws.cloudtrail.user_identity:*", """{"aws": {"cloudtrail": {"event_type": "AwsApiCall"}}}"""));
    }

    [Theory]
    [InlineData("""{"aws": {"cloudtrail.user_identity.type": "Root"}}""", true)]
    [InlineData("""{"aws.cloudtrail": {"user_identity": {"arn": "a"}}}""", true)]
    [InlineData("""{"aws.cloudtrail.user_identity": {"session_context.session_issuer.type": "Role"}}""", true)]
    [InlineData("""{"aws": {"cloudtrail.user_identity_extra": "x"}}""", false)]
    public void DottedKeysReachSubFields(string document, bool expected)
    {
        Assert.Equal(expected, Matches("aws.cloudtrail.user_identity:*", document));
    }

    [Fact]
    public void ScalarAtMappedObjectNotIndexed()
    {
        // Elasticsearch rejects such a document ("tried to parse field as object, but found a concrete value").
        Assert.False(Matches("aws.cloudtrail.user_identity:*", """{"aws": {"cloudtrail": {"user_identity": "x"}}}"""));
    }

    [Theory]
    [InlineData("""{"aws": {"cloudtrail": {"flattened": {"request_parameters": {"roleArn": "arn"}}}}}""", true)]
    [InlineData("""{"aws": {"cloudtrail": {"flattened": {"request_parameters": {"tags": [{"key": "k"}]}}}}}""", true)]
    [InlineData("""{"aws": {"cloudtrail": {"flattened": {"request_parameters": {}}}}}""", false)]
    [InlineData("""{"aws": {"cloudtrail": {"flattened": {"request_parameters": {"roleArn": null}}}}}""", false)]
    public void ObjectOfFlattenedFields(string document, bool expected)
    {
        Assert.Equal(expected, Matches("aws.cloudtrail.flattened:*", document));
        Assert.Equal(expected, Matches("aws.cloudtrail.flattened.request_parameters:*", document));
    }

    [Fact]
    public void FlattenedKeysUnderObjectHaveNoLimit()
    {
        var document = new JsonObject
        {
            ["aws"] = new JsonObject
            {
                ["cloudtrail"] = new JsonObject
                {
                    ["flattened"] = new JsonObject { ["request_parameters"] = new JsonObject { ["policy"] = new string('x', 100_000) } },
                },
            },
        }.ToJsonString();

        // The CloudTrail mapping gives the flattened fields no ignore_above, so the long key value is indexed.
        Assert.True(Matches("aws.cloudtrail.flattened:*", document));
    }

    [Fact]
    public void ConstantKeywordBelowObjectMatchesAll()
    {
        // data_stream.dataset is a constant_keyword with a value, whose exists query is match_all.
        Assert.True(Matches("data_stream:*", "{}"));
        Assert.False(Matches("not data_stream:*", "{}"));
    }

    [Fact]
    public void MultiFieldIndexesLongKeyword()
    {
        const string Document = """{"agent": {"original": "longer than five"}}""";

        Assert.True(Matches("agent:*", Document, MultiFieldMapping));
        Assert.False(Matches("agent:*", Document, KeywordOnlyMapping));
        Assert.True(Matches("agent:*", """{"agent": {"original": "short"}}""", KeywordOnlyMapping));
    }

    [Fact]
    public void NestedObjectsInvisibleFromParent()
    {
        Assert.False(Matches("a:*", """{"a": {"n": [{"x": "1"}]}}""", NestedMapping));
        Assert.True(Matches("a:*", """{"a": {"n": [{"x": "1"}], "y": "2"}}""", NestedMapping));
        Assert.True(Matches("a.n:{ x:* }", """{"a": {"n": [{"x": "1"}]}}""", NestedMapping));
    }

    [Fact]
    public void ObjectInsideNestedScope()
    {
        const string Mapping = """{"properties": {"n": {"type": "nested", "properties": {"o": {"properties": {"p": {"type": "keyword"}}}}}}}""";

        Assert.True(Matches("n:{ o:* }", """{"n": [{"o": {"p": "v"}}]}""", Mapping));
        Assert.False(Matches("n:{ o:* }", """{"n": [{"o": {}}, {"q": "v"}]}""", Mapping));
    }

    [Theory]
    [InlineData("user.*:*", """{"user": {"name": "bob"}}""", true)]
    [InlineData("user.*:*", """{"user": {}}""", false)]
    [InlineData("other:*", """{"other": "v"}""", true)]
    [InlineData("other:*", """{"other": null}""", false)]
    [InlineData("other:*", """{"user": {"name": "bob"}}""", false)]
    public void PatternsAndLeafFieldsUnchanged(string query, string document, bool expected)
    {
        Assert.Equal(expected, Matches(query, document));
    }
}
