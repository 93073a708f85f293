namespace Vigil.Detect.Kql;

/// <summary>Elasticsearch mapping types that change how a KQL leaf matches.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are Elasticsearch mapping type names.")]
public enum FieldType
{
    /// <summary><c>keyword</c>: exact, case-sensitive, ranges on UTF-8 bytes.</summary>
    Keyword,

    /// <summary><c>constant_keyword</c>: like keyword; one value for the whole index.</summary>
    ConstantKeyword,

    /// <summary><c>wildcard</c>: like keyword, but Kibana queries wildcards through query_string.</summary>
    Wildcard,

    /// <summary><c>text</c>: analyzed into lower-cased word tokens.</summary>
    Text,

    /// <summary><c>match_only_text</c>: like text.</summary>
    MatchOnlyText,

    /// <summary><c>flattened</c>: every leaf of the object is a keyword.</summary>
    Flattened,

    /// <summary><c>long</c>.</summary>
    Long,

    /// <summary><c>integer</c>.</summary>
    Integer,

    /// <summary><c>short</c>.</summary>
    Short,

    /// <summary><c>byte</c>.</summary>
    Byte,

    /// <summary><c>unsigned_long</c>.</summary>
    UnsignedLong,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>float</c>.</summary>
    Float,

    /// <summary><c>half_float</c>.</summary>
    HalfFloat,

    /// <summary><c>scaled_float</c>.</summary>
    ScaledFloat,

    /// <summary><c>date</c>: milliseconds since the epoch.</summary>
    Date,

    /// <summary><c>ip</c>: IPv4 or IPv6 address.</summary>
    Ip,

    /// <summary><c>boolean</c>.</summary>
    Boolean,

    /// <summary><c>nested</c>: each array element is a separate hidden document.</summary>
    Nested,

    /// <summary>
    /// A Kibana <c>string</c> field whose Elasticsearch type is unknown: Kibana sends match and query_string
    /// queries, and evaluation treats its values as keywords.
    /// </summary>
    String,

    /// <summary><c>object</c>: a container whose sub-fields flatten into the parent document.</summary>
    Object,
}
