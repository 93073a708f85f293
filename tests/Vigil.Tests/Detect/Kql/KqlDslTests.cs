using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

public class KqlDslTests
{
    [Fact]
    public void NestedFieldOutsideGroupIsError()
    {
        var result = KqlDsl.ToElasticsearchQuery("nestedField.child:foo", KibanaStubFields.Mapping);

        var error = Assert.IsType<KqlQueryError>(result.Error);
        Assert.Equal("nestedField.child is a nested field, but is not in a nested group in the KQL expression.", error.Message);
        Assert.Equal(18, error.Position);
    }

    [Fact]
    public void PlainFieldInsideGroupIsError()
    {
        var result = KqlDsl.ToElasticsearchQuery("nestedField:{ nestedChild.doublyNestedChild:foo }", KibanaStubFields.Mapping);

        var error = Assert.IsType<KqlQueryError>(result.Error);
        Assert.StartsWith("Nested field nestedField.nestedChild.doublyNestedChild is being queried with the incorrect nested path.", error.Message);
    }

    [Fact]
    public void SyntaxErrorIsReturned()
    {
        var result = KqlDsl.ToElasticsearchQuery("a:(b", FieldMapping.CloudTrail);

        Assert.IsType<KqlSyntaxError>(result.Error);
    }

    [Fact]
    public void AndUsesMustWhenConfigured()
    {
        var result = KqlDsl.ToElasticsearchQuery("a:1 and b:2", null, new KqlDslOptions { FiltersInMustClause = true });

        Assert.Equal(2, result.Query!["bool"]!["must"]!.AsArray().Count);
    }

    [Fact]
    public void FreeTextWildcardIsEscapedQueryString()
    {
        var result = KqlDsl.ToElasticsearchQuery(@"a/b\**", null);

        Assert.Equal(@"{""query_string"":{""query"":""a\\/b\\**""}}", result.Query!.ToJsonString());
    }

    [Fact]
    public void ConstantKeywordSendsMatch()
    {
        var result = KqlDsl.ToElasticsearchQuery("event.dataset:aws.cloudtrail", FieldMapping.CloudTrail);

        Assert.Equal("aws.cloudtrail", (string?)result.Query!["bool"]!["should"]![0]!["match"]!["event.dataset"]);
    }

    [Fact]
    public void UnlistedFieldOfHandMappingIsUntyped()
    {
        var result = KqlDsl.ToElasticsearchQuery("other:foo", KibanaStubFields.Mapping);

        Assert.Equal("foo", (string?)result.Query!["bool"]!["should"]![0]!["match"]!["other"]);
    }

    [Fact]
    public void ExistsOverWholeDataViewIsMatchAll()
    {
        var mapping = FieldMapping.FromElasticsearchMapping(System.Text.Json.Nodes.JsonNode.Parse("""{"a": "keyword", "ab": "long"}""")!);

        var result = KqlDsl.ToElasticsearchQuery("a*:*", mapping);

        Assert.Equal("""{"match_all":{}}""", result.Query!.ToJsonString());
    }

    [Fact]
    public void BuildQueryShapeHasFourArrays()
    {
        var result = KqlDsl.ToBoolClauses("a:b", null);

        Assert.Equal(["must", "filter", "should", "must_not"], result.Query!.Select(p => p.Key));
        Assert.Single(result.Query!["filter"]!.AsArray());
    }
}
