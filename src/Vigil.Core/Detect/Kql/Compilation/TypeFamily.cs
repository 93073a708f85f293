namespace Vigil.Detect.Kql.Compilation;

/// <summary>Groups of mapping types that KQL leaves treat alike.</summary>
internal enum TypeFamily
{
    /// <summary><c>keyword</c>: Kibana sends term and wildcard queries.</summary>
    Keyword,

    /// <summary>Keyword-like types (constant_keyword, wildcard, flattened) that Kibana queries with match and query_string.</summary>
    KeywordViaQueryString,

    Text,
    Integer,
    Float,
    Date,
    Ip,
    Boolean,

    /// <summary>Object and nested paths, which hold no values of their own.</summary>
    Container,
}

internal static class TypeFamilies
{
    public static TypeFamily Of(FieldType type) => type switch
    {
        FieldType.Keyword => TypeFamily.Keyword,
        FieldType.ConstantKeyword or FieldType.Wildcard or FieldType.Flattened or FieldType.String => TypeFamily.KeywordViaQueryString,
        FieldType.Text or FieldType.MatchOnlyText => TypeFamily.Text,
        FieldType.Long or FieldType.Integer or FieldType.Short or FieldType.Byte or FieldType.UnsignedLong => TypeFamily.Integer,
        FieldType.Double or FieldType.Float or FieldType.HalfFloat or FieldType.ScaledFloat => TypeFamily.Float,
        FieldType.Date => TypeFamily.Date,
        FieldType.Ip => TypeFamily.Ip,
        FieldType.Boolean => TypeFamily.Boolean,
        _ => TypeFamily.Container,
    };

    /// <summary>Returns the Elasticsearch name of <paramref name="type"/> (<c>match_only_text</c>, <c>long</c>…).</summary>
    public static string EsName(FieldType type) => type switch
    {
        FieldType.ConstantKeyword => "constant_keyword",
        FieldType.MatchOnlyText => "match_only_text",
        FieldType.UnsignedLong => "unsigned_long",
        FieldType.HalfFloat => "half_float",
        FieldType.ScaledFloat => "scaled_float",
        _ => type.ToString().ToLowerInvariant(),
    };
}
