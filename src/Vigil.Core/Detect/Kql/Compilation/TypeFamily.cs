namespace Vigil.Detect.Kql.Compilation;

/// <summary>Groups of mapping types that KQL leaves treat alike.</summary>
internal enum TypeFamily
{
    /// <summary><c>keyword</c>: Kibana sends term and wildcard queries.</summary>
    Keyword,

    /// <summary>Keyword-like types (constant_keyword, wildcard, flattened, version) that Kibana queries with match and query_string.</summary>
    KeywordViaQueryString,

    Text,
    Integer,
    Float,
    Date,
    Ip,
    Boolean,

    /// <summary>Object and nested paths, which hold no values of their own.</summary>
    Container,

    /// <summary>
    /// Types whose values a KQL leaf cannot test here, so only <c>field:*</c> works: Elasticsearch
    /// rejects the value queries Kibana sends on some (see <see cref="TypeFamilies.RejectsValueQueries"/>),
    /// and Vigil does not evaluate them on the others.
    /// </summary>
    ExistsOnly,
}

internal static class TypeFamilies
{
    public static TypeFamily Of(FieldType type) => type switch
    {
        FieldType.Keyword => TypeFamily.Keyword,
        FieldType.ConstantKeyword or FieldType.Wildcard or FieldType.Flattened or FieldType.String or FieldType.Version => TypeFamily.KeywordViaQueryString,
        FieldType.Text or FieldType.MatchOnlyText => TypeFamily.Text,
        FieldType.Long or FieldType.Integer or FieldType.Short or FieldType.Byte or FieldType.UnsignedLong => TypeFamily.Integer,
        FieldType.Double or FieldType.Float or FieldType.HalfFloat or FieldType.ScaledFloat => TypeFamily.Float,
        FieldType.Date => TypeFamily.Date,
        FieldType.Ip => TypeFamily.Ip,
        FieldType.Boolean => TypeFamily.Boolean,
        FieldType.Object or FieldType.Nested => TypeFamily.Container,
        _ => TypeFamily.ExistsOnly,
    };

    /// <summary>
    /// True for the <see cref="TypeFamily.ExistsOnly"/> types on which Elasticsearch 8 rejects a
    /// term, match or range query: geometries, binary, vectors, rank features, histogram,
    /// percolator and murmur3. Kibana's KQL sends those queries, so it can only test such a field
    /// for existence. Elasticsearch does run value queries on range types, join, completion,
    /// semantic_text, aggregate_metric_double and icu_collation_keyword, which Vigil does not evaluate.
    /// </summary>
    public static bool RejectsValueQueries(FieldType type) => type is
        FieldType.GeoPoint or FieldType.GeoShape or FieldType.Point or FieldType.Shape
        or FieldType.Binary or FieldType.DenseVector or FieldType.SparseVector
        or FieldType.RankFeature or FieldType.RankFeatures or FieldType.Histogram
        or FieldType.Percolator or FieldType.Murmur3;

    /// <summary>Returns the Elasticsearch name of <paramref name="type"/> (<c>match_only_text</c>, <c>long</c>…).</summary>
    public static string EsName(FieldType type) => FieldMapping.TypeName(type);
}
