using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

/// <summary>
/// Every Elasticsearch 8 field type in a <c>--mapping</c> file, aliases, and the response of
/// <c>GET index/_mapping</c>: each type reads, and a query on it evaluates as KQL would send it.
/// </summary>
public sealed class FieldMappingTypeTests
{
    // The field types of the Elasticsearch 8 reference ("Field data types") and of its mapper plugins.
    public static TheoryData<string> ElasticsearchTypes() =>
    [
        "binary", "boolean", "keyword", "constant_keyword", "wildcard", "long", "integer", "short", "byte",
        "double", "float", "half_float", "scaled_float", "unsigned_long", "date", "date_nanos", "object",
        "flattened", "nested", "join", "passthrough", "integer_range", "float_range", "long_range",
        "double_range", "date_range", "ip_range", "ip", "version", "murmur3", "aggregate_metric_double",
        "histogram", "text", "match_only_text", "annotated_text", "completion", "search_as_you_type",
        "semantic_text", "token_count", "dense_vector", "sparse_vector", "rank_feature", "rank_features",
        "geo_point", "geo_shape", "point", "shape", "percolator", "counted_keyword", "icu_collation_keyword",
    ];

    [Theory]
    [MemberData(nameof(ElasticsearchTypes))]
    public void ElasticsearchTypeIsRead(string type)
    {
        var mapping = Read("""{"properties": {"f": {"type": "TYPE"}}}""".Replace("TYPE", type, StringComparison.Ordinal));

        Assert.NotNull(mapping.Find("f"));
    }

    [Theory]
    [MemberData(nameof(ElasticsearchTypes))]
    public void ElasticsearchTypeCompilesExists(string type)
    {
        var mapping = Read("""{"f": "TYPE"}""".Replace("TYPE", type, StringComparison.Ordinal));

        var compiled = Kql.Compile("f:* or not f:*", mapping);

        Assert.True(compiled.Success, compiled.Error?.ToString());
    }

    [Theory]
    [InlineData("""{"lat": 41.1, "lon": -71.3}""")]
    [InlineData("\"41.1,-71.3\"")]
    [InlineData("[-71.3, 41.1]")]
    [InlineData("\"POINT (-71.3 41.1)\"")]
    public void GeoPointExists(string location)
    {
        var mapping = Read("""{"source.geo.location": "geo_point"}""");
        var document = """{"source": {"geo": {"location": LOCATION}}}""".Replace("LOCATION", location, StringComparison.Ordinal);

        Assert.True(Matches("source.geo.location:*", document, mapping));
        Assert.False(Matches("source.geo.location:*", """{"source": {"ip": "10.0.0.1"}}""", mapping));
    }

    [Theory]
    [InlineData("source.geo.location:1")]
    [InlineData("source.geo.location:\"41.1,-71.3\"")]
    [InlineData("source.geo.location > 3")]
    [InlineData("source.geo.location:4*")]
    public void GeoPointValueIsRejected(string query)
    {
        var mapping = Read("""{"source.geo.location": "geo_point"}""");

        var compiled = Kql.Compile(query, mapping);

        Assert.False(compiled.Success);
        Assert.Contains("Elasticsearch rejects", compiled.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("on the geo_point field `source.geo.location`", compiled.Error.Message, StringComparison.Ordinal);
        Assert.Contains("`source.geo.location:*`", compiled.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeoPointSkippedInFreeText()
    {
        var mapping = Read("""{"source.geo.location": "geo_point", "message": "text"}""");

        Assert.True(Matches("denied", """{"message": "Access denied", "source": {"geo": {"location": "1,2"}}}""", mapping));
    }

    [Fact]
    public void RangeTypeValueNamesVigil()
    {
        var mapping = Read("""{"window": "date_range"}""");

        var compiled = Kql.Compile("window:2024-01-01", mapping);

        Assert.False(compiled.Success);
        Assert.StartsWith("Vigil cannot evaluate the value `2024-01-01` on the date_range field `window`", compiled.Error!.Message, StringComparison.Ordinal);
        Assert.True(Matches("window:*", """{"window": {"gte": "2024-01-01"}}""", mapping));
    }

    [Fact]
    public void DateNanosIsDate()
    {
        var mapping = Read("""{"event.ingested": "date_nanos"}""");
        var document = """{"event": {"ingested": "2024-01-15T10:00:00.123456789Z"}}""";

        Assert.True(Matches("event.ingested >= 2024-01-15 and event.ingested < 2024-01-16", document, mapping));
        Assert.False(Matches("event.ingested > \"2024-01-15T10:00:01Z\"", document, mapping));
    }

    [Fact]
    public void VersionIsKeywordLike()
    {
        var mapping = Read("""{"package.version": "version"}""");
        var document = """{"package": {"version": "1.10.0"}}""";

        Assert.True(Matches("package.version:1.10.0", document, mapping));
        Assert.True(Matches("package.version:1.1*", document, mapping));
        Assert.False(Matches("package.version:1.1", document, mapping));
    }

    [Theory]
    [InlineData("package.version > 1.9.0")]
    [InlineData("package.version >= 1.0.0 and package.version < 2.0.0")]
    public void VersionRangeIsRejected(string query)
    {
        var mapping = Read("""{"package.version": "version"}""");

        var compiled = Kql.Compile(query, mapping);

        Assert.False(compiled.Success);
        Assert.StartsWith("Vigil cannot evaluate a range on the version field `package.version`", compiled.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsignedLongAndTokenCountAreNumbers()
    {
        var mapping = Read("""{"bytes": "unsigned_long", "words": "token_count"}""");
        var document = """{"bytes": 18446744073709551615, "words": 3}""";

        Assert.True(Matches("bytes >= 18446744073709551615", document, mapping));
        Assert.True(Matches("words:3", document, mapping));
        Assert.False(Matches("words > 3", document, mapping));
    }

    [Fact]
    public void AliasTakesTargetTypeAndValues()
    {
        var mapping = Read("""{"properties": {"source": {"properties": {"ip": {"type": "ip"}}}, "client": {"properties": {"ip": {"type": "alias", "path": "source.ip"}}}}}""");
        var document = """{"source": {"ip": "10.1.2.3"}}""";

        Assert.Equal(FieldType.Ip, mapping.Find("client.ip")!.Type);
        Assert.True(Matches("client.ip:10.0.0.0/8", document, mapping));
        Assert.True(Matches("client.ip:*", document, mapping));
        Assert.False(Matches("client.ip:192.168.0.0/16", document, mapping));
    }

    [Fact]
    public void AliasOfMultiFieldReadsParent()
    {
        var mapping = Read("""{"properties": {"message": {"type": "keyword", "fields": {"text": {"type": "match_only_text"}}}, "msg": {"type": "alias", "path": "message.text"}}}""");

        Assert.True(Matches("msg:denied", """{"message": "Access Denied"}""", mapping));
    }

    [Theory]
    [InlineData("""{"a": {"type": "alias", "path": "b"}}""", "Mapping alias `a` has the path `b`, which the mapping does not list")]
    [InlineData("""{"a": {"type": "alias"}}""", "Mapping alias `a` has no \"path\"")]
    [InlineData("""{"a": "alias"}""", "Mapping alias `a` has no path")]
    [InlineData("""{"b": "keyword", "c": {"type": "alias", "path": "b"}, "a": {"type": "alias", "path": "c"}}""", "Mapping alias `a` has the path `c`, which is another alias")]
    [InlineData("""{"properties": {"o": {"properties": {"x": {"type": "long"}}}, "a": {"type": "alias", "path": "o"}}}""", "Mapping alias `a` has the path `o`, which is an object")]
    [InlineData("""{"a": {"type": "keyword", "fields": {"raw": {"type": "alias", "path": "a"}}}}""", "Mapping multi-field `a.raw` has type `alias`, which Elasticsearch rejects")]
    public void BadAliasIsRejected(string mapping, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Read(mapping));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetMappingResponseIsRead()
    {
        var mapping = Read("""
            {".ds-logs-aws.cloudtrail-default-2024.01.01-000001": {"mappings": {
              "_data_stream_timestamp": {"enabled": true},
              "dynamic_templates": [],
              "properties": {"source": {"properties": {"geo": {"properties": {"location": {"type": "geo_point"}}}, "ip": {"type": "ip"}}}}}}}
            """);

        Assert.Equal(FieldType.GeoPoint, mapping.Find("source.geo.location")!.Type);
        Assert.Equal(FieldType.Ip, mapping.Find("source.ip")!.Type);
    }

    [Fact]
    public void GetMappingResponseMergesIndices()
    {
        var mapping = Read("""
            {"i1": {"mappings": {"properties": {"a": {"type": "keyword"}}}},
             "i2": {"mappings": {"properties": {"a": {"type": "keyword"}, "b": {"type": "long"}}}}}
            """);

        Assert.Equal(FieldType.Keyword, mapping.Find("a")!.Type);
        Assert.Equal(FieldType.Long, mapping.Find("b")!.Type);
    }

    [Fact]
    public void GetMappingConflictIsRejected()
    {
        var error = Assert.Throws<FormatException>(() => Read("""
            {"i1": {"mappings": {"properties": {"a": {"type": "keyword"}}}},
             "i2": {"mappings": {"properties": {"a": {"type": "long"}}}}}
            """));

        Assert.Equal(
            "Mapping field `a` is a keyword in index `i1` but a long in index `i2`; give the mapping of one index, such as the output of GET i2/_mapping.",
            error.Message);
    }

    [Fact]
    public void UnknownTypeListsKnownTypes()
    {
        var error = Assert.Throws<FormatException>(() => Read("""{"a": "geopoint"}"""));

        Assert.StartsWith("Mapping type `geopoint` of `a` is not an Elasticsearch 8 field type; use one of: keyword,", error.Message, StringComparison.Ordinal);
        Assert.Contains("geo_point", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("alias.", error.Message, StringComparison.Ordinal);
    }

    private static bool Matches(string query, string document, FieldMapping mapping)
    {
        var compiled = Kql.Compile(query, mapping);
        Assert.True(compiled.Success, compiled.Error?.ToString());
        return compiled.Predicate!(new EcsDocument(JsonNode.Parse(document)!.AsObject()));
    }

    private static FieldMapping Read(string mapping) => FieldMapping.FromElasticsearchMapping(JsonNode.Parse(mapping)!);
}
