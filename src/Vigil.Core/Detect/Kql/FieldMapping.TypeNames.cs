namespace Vigil.Detect.Kql;

/// <summary>The Elasticsearch type names a <see cref="FieldMapping"/> accepts.</summary>
public sealed partial class FieldMapping
{
    /// <summary>
    /// Every field type of Elasticsearch 8 and its mapper plugins except <c>alias</c>, which is
    /// resolved to its target. A type that KQL queries like another one maps to that type:
    /// date_nanos is a date, token_count an integer, search_as_you_type and annotated_text are
    /// text, counted_keyword is a string, and passthrough is an object.
    /// </summary>
    private static readonly (string Name, FieldType Type)[] TypeNameList =
    [
        ("keyword", FieldType.Keyword),
        ("constant_keyword", FieldType.ConstantKeyword),
        ("wildcard", FieldType.Wildcard),
        ("text", FieldType.Text),
        ("match_only_text", FieldType.MatchOnlyText),
        ("flattened", FieldType.Flattened),
        ("long", FieldType.Long),
        ("integer", FieldType.Integer),
        ("short", FieldType.Short),
        ("byte", FieldType.Byte),
        ("unsigned_long", FieldType.UnsignedLong),
        ("double", FieldType.Double),
        ("float", FieldType.Float),
        ("half_float", FieldType.HalfFloat),
        ("scaled_float", FieldType.ScaledFloat),
        ("date", FieldType.Date),
        ("ip", FieldType.Ip),
        ("boolean", FieldType.Boolean),
        ("nested", FieldType.Nested),
        ("object", FieldType.Object),
        ("string", FieldType.String),
        ("version", FieldType.Version),

        // NOTE: a date_nanos value evaluates with millisecond precision, so two times within one
        // millisecond compare equal here and may differ in Elasticsearch.
        ("date_nanos", FieldType.Date),
        ("token_count", FieldType.Integer),

        // NOTE: annotated_text indexes the entities of its markup as extra tokens, which this
        // evaluation does not read: only the text as written is tokenized.
        ("search_as_you_type", FieldType.Text),
        ("annotated_text", FieldType.Text),
        ("counted_keyword", FieldType.String),

        // NOTE: Elasticsearch also exposes the sub-fields of a passthrough object under their
        // short names; such a short name evaluates here as an unlisted field.
        ("passthrough", FieldType.Object),
        ("geo_point", FieldType.GeoPoint),
        ("geo_shape", FieldType.GeoShape),
        ("point", FieldType.Point),
        ("shape", FieldType.Shape),
        ("binary", FieldType.Binary),
        ("dense_vector", FieldType.DenseVector),
        ("sparse_vector", FieldType.SparseVector),
        ("rank_feature", FieldType.RankFeature),
        ("rank_features", FieldType.RankFeatures),
        ("histogram", FieldType.Histogram),
        ("percolator", FieldType.Percolator),
        ("murmur3", FieldType.Murmur3),
        ("integer_range", FieldType.IntegerRange),
        ("float_range", FieldType.FloatRange),
        ("long_range", FieldType.LongRange),
        ("double_range", FieldType.DoubleRange),
        ("date_range", FieldType.DateRange),
        ("ip_range", FieldType.IpRange),
        ("join", FieldType.Join),
        ("completion", FieldType.Completion),
        ("semantic_text", FieldType.SemanticText),
        ("aggregate_metric_double", FieldType.AggregateMetricDouble),
        ("icu_collation_keyword", FieldType.IcuCollationKeyword),
    ];

    private static readonly Dictionary<string, FieldType> TypeNames =
        TypeNameList.ToDictionary(entry => entry.Name, entry => entry.Type, StringComparer.Ordinal);

    // The first name listed for each type, so date_nanos does not rename date.
    private static readonly Dictionary<FieldType, string> CanonicalNames =
        TypeNameList.DistinctBy(entry => entry.Type).ToDictionary(entry => entry.Type, entry => entry.Name);

    /// <summary>Returns the Elasticsearch name of <paramref name="type"/>, such as <c>match_only_text</c> or <c>geo_point</c>.</summary>
    public static string TypeName(FieldType type) => CanonicalNames[type];

    private static FieldType ParseTypeName(string name, string typeName) =>
        TypeNames.TryGetValue(typeName, out var type)
            ? type
            : throw new FormatException(
                $"Mapping type `{Shown(typeName)}` of `{Shown(name)}` is not an Elasticsearch 8 field type; "
                + $"use one of: {string.Join(", ", TypeNames.Keys)}, alias.");
}
