using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

public class KqlCompilerTests
{
    private static bool Matches(string query, string document, FieldMapping? mapping = null, TimeProvider? clock = null)
    {
        var compiled = Kql.Compile(query, mapping ?? FieldMapping.CloudTrail, clock);
        Assert.True(compiled.Success, compiled.Error?.ToString());
        return compiled.Predicate!(new EcsDocument(JsonNode.Parse(document)!.AsObject()));
    }

    [Fact]
    public void DateMathUsesInjectedClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-01-15T10:10:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(Matches("@timestamp >= now-15m", """{"@timestamp":"2024-01-15T10:00:00Z"}""", clock: clock));
        Assert.False(Matches("@timestamp >= now-5m", """{"@timestamp":"2024-01-15T10:00:00Z"}""", clock: clock));
    }

    [Fact]
    public void DateEqualityWithNowRoundingCoversDay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-01-15T10:10:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(Matches("@timestamp:now/d", """{"@timestamp":"2024-01-15T23:59:59.999Z"}""", clock: clock));
        Assert.False(Matches("@timestamp:now/d", """{"@timestamp":"2024-01-16T00:00:00Z"}""", clock: clock));
    }

    [Fact]
    public void DateOffsetBeforeYearOneCompares()
    {
        const string Document = """{"@timestamp":"2026-12-01T10:00:00Z"}""";

        Assert.False(Matches("""@timestamp <= "0001-01-01T00:00+01:00" """, Document));
        Assert.True(Matches("""@timestamp >= "0001-01-01T00:00+01:00||+1d" """, Document));
        Assert.True(Matches("""@timestamp <= "9999-12-31T23:59-01:00" """, Document));
    }

    [Fact]
    public void CloudTrailRequestParametersOverLimitInvisible()
    {
        var document = RequestParameters(new string('x', 8192));

        Assert.False(Matches("aws.cloudtrail.request_parameters:*", document));
        Assert.True(Matches("not aws.cloudtrail.request_parameters:*", document));
    }

    [Fact]
    public void CloudTrailRequestParametersAtLimitVisible()
    {
        var document = RequestParameters(new string('x', 8191));

        Assert.True(Matches("aws.cloudtrail.request_parameters:x*", document));
    }

    [Theory]
    [InlineData("additional_eventdata")]
    [InlineData("service_event_details")]
    public void CloudTrailEventDataStringsLimitedTo1024(string field)
    {
        var atLimit = CloudTrailString(field, new string('x', 1024));
        var overLimit = CloudTrailString(field, new string('x', 1025));

        Assert.True(Matches($"aws.cloudtrail.{field}:x*", atLimit));
        Assert.False(Matches($"aws.cloudtrail.{field}:*", overLimit));
        Assert.True(Matches($"aws.cloudtrail.{field}.text:*", overLimit));
    }

    [Fact]
    public void CloudTrailOtherKeywordsLimitedTo1024()
    {
        var document = new JsonObject { ["user"] = new JsonObject { ["name"] = new string('x', 1025) } }.ToJsonString();

        Assert.False(Matches("user.name:*", document));
    }

    [Fact]
    public void CloudTrailDatasetIsConstant()
    {
        Assert.True(Matches("event.dataset:aws.cloudtrail", "{}"));
    }

    [Fact]
    public void CloudTrailTextMultiFieldReadsParent()
    {
        Assert.True(Matches("aws.cloudtrail.request_parameters.text:bucketname", """{"aws":{"cloudtrail":{"request_parameters":"{bucketName=x}"}}}"""));
    }

    [Fact]
    public void FlattenedRootRangeIsLexicographic()
    {
        var document = """{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"fromPort":22}}}}}""";

        Assert.True(Matches("aws.cloudtrail.flattened.request_parameters.fromPort > 100", document));
    }

    [Fact]
    public void FlattenedWildcardSplitsOnWhitespace()
    {
        var document = """{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"agent":"S3 Browser 10"}}}}}""";

        Assert.False(Matches("aws.cloudtrail.flattened.request_parameters.agent:*3 Browser 1*", document));
        Assert.True(Matches("aws.cloudtrail.flattened.request_parameters.agent:S3*", document));
    }

    [Fact]
    public void WildcardOnLongIsQueryError()
    {
        var result = Kql.Compile("event.action:x and source.port:44*", FieldMapping.CloudTrail);

        var error = Assert.IsType<KqlQueryError>(result.Error);
        Assert.Equal(31, error.Position);
        Assert.Equal("source.port", error.Field);
        Assert.Equal(
            "Query error (line 1, column 32): Elasticsearch rejects the wildcard `44*` on the long field `source.port`, "
            + "so the rule would fail; use a number, or a range such as `source.port >= 400 and source.port < 500` in place of a wildcard",
            error.ToString());
    }

    [Fact]
    public void NestedOnObjectIsQueryError()
    {
        var result = Kql.Compile("aws.cloudtrail.resources:{ arn:x }", FieldMapping.CloudTrail);

        var error = Assert.IsType<KqlQueryError>(result.Error);
        Assert.Equal(0, error.Position);
    }

    [Fact]
    public void NullValueIsQueryError()
    {
        var result = Kql.Compile("user.name:null", FieldMapping.CloudTrail);

        Assert.IsType<KqlQueryError>(result.Error);
    }

    [Fact]
    public void FieldPatternSeesDocumentOnlyFields()
    {
        Assert.True(Matches("custom.*:x", """{"custom":{"deep":{"field":"x"}}}"""));
    }

    [Fact]
    public void ElasticsearchMappingReadsMultiFields()
    {
        var mapping = FieldMapping.FromElasticsearchMapping(JsonNode.Parse(
            """{"mappings":{"properties":{"message":{"type":"keyword","fields":{"text":{"type":"match_only_text"}}}}}}""")!);

        Assert.True(Matches("message.text:denied", """{"message":"Access Denied"}""", mapping));
    }

    private static string RequestParameters(string value) => CloudTrailString("request_parameters", value);

    private static string CloudTrailString(string field, string value) =>
        new JsonObject { ["aws"] = new JsonObject { ["cloudtrail"] = new JsonObject { [field] = value } } }.ToJsonString();
}
