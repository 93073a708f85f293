using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Lint.Catalog;
using Vigil.Map;

namespace Vigil.Tests.Detect;

/// <summary>
/// A field pattern such as <c>event.*</c> on the CloudTrail mapping: the query DSL and evaluation
/// cover the same fields, every catalogued field of the data stream that the pattern matches, as
/// Kibana expands a pattern over its data view. A covered field that rejects the value makes the
/// query fail, as Elasticsearch fails it.
/// </summary>
public class FieldPatternTests
{
    [Fact]
    public void DslCoversKeywordFields()
    {
        var fields = DslFields("event.act*:AssumeRole");

        Assert.Equal(["event.action"], fields);
    }

    [Theory]
    [InlineData("user.*:bob", "user.name")]
    [InlineData("user.*:bob", "user.name.text")]
    [InlineData("user.*:bob", "user.risk.calculated_score")]
    [InlineData("event.*:AssumeRole", "event.action")]
    [InlineData("event.*:AssumeRole", "event.created")]
    [InlineData("source.*:*", "source.address")]
    [InlineData("source.*:*", "source.ip")]
    public void DslExpandsOverCatalogue(string query, string field)
    {
        Assert.Contains(field, DslFields(query));
    }

    [Fact]
    public void DslNeverSendsPatternAsField()
    {
        var dsl = KqlDsl.ToElasticsearchQuery("user.*:bob", FieldMapping.CloudTrail).Query!.ToJsonString();

        Assert.DoesNotContain("user.*", dsl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source.*:*")]
    [InlineData("user.*:*")]
    [InlineData("aws.cloudtrail.user_identity.*:*")]
    public void EvaluationCoversEveryDslField(string query)
    {
        var compiled = Kql.Compile(query, FieldMapping.CloudTrail);
        Assert.True(compiled.Success, compiled.Error?.ToString());

        foreach (var field in DslFields(query))
        {
            // A .text multi-field indexes its parent's value.
            var source = field.EndsWith(".text", StringComparison.Ordinal) && FieldCatalogue.TypeName(field[..^".text".Length]) is not null
                ? field[..^".text".Length]
                : field;
            var document = Document(source, SampleValue(field));
            Assert.True(compiled.Predicate!(document), $"{query} does not match a document that has only {field}");
        }
    }

    [Fact]
    public void EvaluationMatchesKeywordField()
    {
        var compiled = Kql.Compile("event.act*:AssumeRole", FieldMapping.CloudTrail);

        Assert.True(compiled.Predicate!(Document("event.action", JsonValue.Create("AssumeRole"))));
        Assert.False(compiled.Predicate!(Document("event.action", JsonValue.Create("GetObject"))));
    }

    [Fact]
    public void CoveredDateFieldRejectsWord()
    {
        var result = Kql.Compile("event.*:AssumeRole", FieldMapping.CloudTrail);

        var error = Assert.IsType<KqlQueryError>(result.Error);
        Assert.Equal("event.created", error.Field);
        Assert.Equal(8, error.Position);
        Assert.Contains("the field pattern `event.*` covers `event.created`", error.Message, StringComparison.Ordinal);
        Assert.Contains("without `lenient`", error.Message, StringComparison.Ordinal);
        Assert.Contains("such as `event.action`, `event.agent_id_status` or `event.category`", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*:AssumeRole", "@timestamp")]
    [InlineData("user.*:bob", "user.risk.calculated_score")]
    [InlineData("source.*:Ass*", "source.as.number")]
    [InlineData("aws.cloudtrail.user_identity.*:AssumedRole", "aws.cloudtrail.user_identity.session_context.creation_date")]
    public void CoveredFieldRejectingValueFailsQuery(string query, string field)
    {
        var result = Kql.Compile(query, FieldMapping.CloudTrail);

        var error = Assert.IsType<KqlQueryError>(result.Error);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void NullRejectedEverywhereKeepsFieldFix()
    {
        var result = Kql.Compile("event.*:null", FieldMapping.CloudTrail);

        var error = Assert.IsType<KqlQueryError>(result.Error);
        Assert.StartsWith("the field pattern `event.*` covers `event.action`: `event.action:null` sends a null value", error.Message, StringComparison.Ordinal);
        Assert.Contains("not event.action:*", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistsOnPatternNeverFails()
    {
        var result = Kql.Compile("*:*", FieldMapping.CloudTrail);

        Assert.Null(result.Error);
    }

    /// <summary>Returns the field of each clause in the pattern's <c>bool.should</c>.</summary>
    private static List<string> DslFields(string query)
    {
        var result = KqlDsl.ToElasticsearchQuery(query, FieldMapping.CloudTrail);
        Assert.Null(result.Error);

        return [.. result.Query!["bool"]!["should"]!.AsArray().Select(clause => FieldOf(clause!.AsObject()))];
    }

    private static string FieldOf(JsonObject clause)
    {
        var (kind, body) = clause.Single();
        return kind switch
        {
            "exists" => (string)body!["field"]!,
            "query_string" => (string)body!["fields"]![0]!,
            "nested" => FieldOf(body!["query"]!.AsObject()),
            _ => body!.AsObject().Single().Key,
        };
    }

    /// <summary>Returns a value that the field's catalogued type indexes.</summary>
    private static JsonNode SampleValue(string field) => FieldCatalogue.TypeName(field) switch
    {
        "long" or "float" or "scaled_float" => JsonValue.Create(7),
        "date" => JsonValue.Create("2026-12-01T10:00:00Z"),
        "ip" => JsonValue.Create("192.0.2.1"),
        "boolean" => JsonValue.Create(true),
        "geo_point" => new JsonObject { ["lat"] = 1.5, ["lon"] = 2.5 },
        "flattened" => new JsonObject { ["key"] = "value" },
        _ => JsonValue.Create("value"),
    };

    /// <summary>Builds a document with one field, written as nested objects as Vigil's mapper writes them.</summary>
    private static EcsDocument Document(string field, JsonNode value)
    {
        var root = new JsonObject();
        var parts = field.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            var next = new JsonObject();
            current[part] = next;
            current = next;
        }

        current[parts[^1]] = value;
        return new EcsDocument(root);
    }
}
