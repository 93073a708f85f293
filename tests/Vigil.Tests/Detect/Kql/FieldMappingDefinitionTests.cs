using System.Text.Json.Nodes;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>
/// Field definitions in a <c>--mapping</c> file: a missing or unknown type is rejected at any depth,
/// as Elasticsearch 8 rejects it, and the objects it accepts without a type still read.
/// </summary>
public sealed class FieldMappingDefinitionTests
{
    [Theory]
    [InlineData("""{"a": {}}""", "Mapping field `a` ({}) has no \"type\"")]
    [InlineData("""{"a": {"ignore_above": 3}}""", "Mapping field `a` ({\"ignore_above\":3}) has no \"type\"")]
    [InlineData("""{"properties": {"a": {"properties": {"b": {"index": false}}}}}""", "Mapping field `a.b` ({\"index\":false}) has no \"type\"")]
    [InlineData("""{"a": {"type": "object", "properties": {"b": {"doc_values": true}}}}""", "Mapping field `a.b` ({\"doc_values\":true}) has no \"type\"")]
    [InlineData("""{"a": {"enabled": false, "dynamic": true}}""", "Mapping field `a` ({\"enabled\":false,\"dynamic\":true}) has no \"type\"")]
    [InlineData("""{"properties": {"a": {"type": "text", "fields": {"raw": {"properties": {}}}}}}""", "Mapping multi-field `a.raw` ({\"properties\":{}}) has no \"type\"")]
    [InlineData("""{"a": {"type": "text", "fields": {"raw": {"ignore_above": 8}}}}""", "Mapping multi-field `a.raw` ({\"ignore_above\":8}) has no \"type\"")]
    public void MissingTypeIsRejected(string mapping, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read(mapping));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("give it one, such as \"type\": \"keyword\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": {"properties": {"b": {"type": "xyz"}}}}""", "a.b")]
    [InlineData("""{"a": {"type": "nested", "properties": {"b": {"properties": {"c": {"type": "xyz"}}}}}}""", "a.b.c")]
    [InlineData("""{"a": {"type": "keyword", "fields": {"raw": {"type": "xyz"}}}}""", "a.raw")]
    [InlineData("""{"properties": {"a": {"properties": {"b": {"type": "text", "fields": {"raw": {"type": "xyz"}}}}}}}""", "a.b.raw")]
    [InlineData("""{"mappings": {"properties": {"a": {"type": "object", "properties": {"b": {"type": "xyz"}}}}}}""", "a.b")]
    public void UnknownNestedTypeIsRejected(string mapping, string path)
    {
        var error = Assert.Throws<FormatException>(() => Read(mapping));

        Assert.StartsWith($"Mapping type `xyz` of `{path}` is not an Elasticsearch 8 field type; use one of: keyword,", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("object")]
    [InlineData("nested")]
    public void ObjectMultiFieldIsRejected(string type)
    {
        var mapping = """{"properties": {"a": {"type": "keyword", "fields": {"raw": {"type": "TYPE"}}}}}""".Replace("TYPE", type, StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => Read(mapping));

        Assert.Equal(
            $"Mapping multi-field `a.raw` has type `{type}`, which Elasticsearch rejects in a multi-field; "
            + "give it a field type such as keyword or text, or move it to the \"properties\" of `a`.",
            error.Message);
    }

    [Fact]
    public void ChainedMultiFieldIsRejected()
    {
        var mapping = """{"properties": {"a": {"type": "text", "fields": {"raw": {"type": "keyword", "fields": {"x": {"type": "xyz"}}}}}}}""";

        var error = Assert.Throws<FormatException>(() => Read(mapping));

        Assert.Equal(
            "Mapping multi-field `a.raw` has \"fields\" of its own, which Elasticsearch 8 rejects; move them to the \"fields\" of `a`.",
            error.Message);
    }

    [Theory]
    [InlineData("""{"a": {"type": "object", "properties": 5}}""", "Mapping setting `properties` of `a` must be an object of field names to definitions, not 5.")]
    [InlineData("""{"a": {"type": "text", "fields": "raw"}}""", "Mapping setting `fields` of `a` must be an object of field names to definitions, not \"raw\".")]
    public void NonObjectChildrenAreRejected(string mapping, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read(mapping));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void LongDefinitionIsShortened()
    {
        var mapping = new JsonObject { ["a"] = new JsonObject { ["analyzer"] = new string('x', 100_000) } };

        var error = Assert.Throws<FormatException>(() => FieldMapping.FromElasticsearchMapping(mapping));

        Assert.StartsWith("Mapping field `a` ({\"analyzer\":\"xxx", error.Message, StringComparison.Ordinal);
        Assert.Contains("…) has no \"type\"", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, $"{error.Message.Length} characters of error");
    }

    [Theory]
    [InlineData("""{"a": "object"}""", FieldType.Object)]
    [InlineData("""{"a": {"type": "object"}}""", FieldType.Object)]
    [InlineData("""{"a": {"enabled": false}}""", FieldType.Object)]
    [InlineData("""{"a": {"properties": {}}}""", FieldType.Object)]
    [InlineData("""{"a": {"type": "nested", "properties": []}}""", FieldType.Nested)]
    [InlineData("""{"properties": {"a": {"enabled": false}}}""", FieldType.Object)]
    [InlineData("""{"properties": {"a": {"dynamic": false, "properties": {}}}}""", FieldType.Object)]
    [InlineData("""{"properties": {"a": {"type": "keyword", "fields": []}}}""", FieldType.Keyword)]
    [InlineData("""{"a": {"type": "string"}}""", FieldType.String)]
    public void ValidDefinitionReads(string mapping, FieldType expected)
    {
        var field = Read(mapping).Find("a");

        Assert.NotNull(field);
        Assert.Equal(expected, field.Type);
    }

    [Fact]
    public void FlatEntryReadsPropertiesAndFields()
    {
        var mapping = Read("""{"a": {"properties": {"b": {"type": "keyword", "fields": {"text": {"type": "text"}}}}}}""");

        var child = mapping.Find("a.b");
        var multiField = mapping.Find("a.b.text");

        Assert.Equal(FieldType.Object, mapping.Find("a")?.Type);
        Assert.Equal(FieldType.Keyword, child?.Type);
        Assert.Equal(FieldType.Text, multiField?.Type);
        Assert.Equal("a.b", multiField?.SourceField);
    }

    [Fact]
    public void FlatMultiFieldMatchesWords()
    {
        var mapping = Read("""{"message": {"type": "keyword", "fields": {"text": {"type": "match_only_text"}}}}""");
        var document = new Vigil.Map.EcsDocument(new JsonObject { ["message"] = "Access Denied" });

        var compiled = Kql.Compile("message.text:denied", mapping);

        Assert.True(compiled.Predicate!(document));
    }

    private static FieldMapping Read(string mapping) => FieldMapping.FromElasticsearchMapping(JsonNode.Parse(mapping)!);
}
