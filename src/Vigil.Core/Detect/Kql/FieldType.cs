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

    /// <summary><c>version</c>: a software version, queried like a keyword.</summary>
    Version,

    /// <summary><c>geo_point</c>: a latitude and longitude.</summary>
    GeoPoint,

    /// <summary><c>geo_shape</c>: a shape on the globe, such as a polygon.</summary>
    GeoShape,

    /// <summary><c>point</c>: a point in a Cartesian plane.</summary>
    Point,

    /// <summary><c>shape</c>: a shape in a Cartesian plane.</summary>
    Shape,

    /// <summary><c>binary</c>: a Base64-encoded value that is not indexed.</summary>
    Binary,

    /// <summary><c>dense_vector</c>: a vector of numbers for kNN search.</summary>
    DenseVector,

    /// <summary><c>sparse_vector</c>: token weights for semantic search.</summary>
    SparseVector,

    /// <summary><c>rank_feature</c>: a number that boosts scores.</summary>
    RankFeature,

    /// <summary><c>rank_features</c>: numbers that boost scores.</summary>
    RankFeatures,

    /// <summary><c>histogram</c>: pre-aggregated values and counts.</summary>
    Histogram,

    /// <summary><c>percolator</c>: a stored query.</summary>
    Percolator,

    /// <summary><c>murmur3</c> (mapper-murmur3 plugin): a hash kept only for aggregations.</summary>
    Murmur3,

    /// <summary><c>integer_range</c>.</summary>
    IntegerRange,

    /// <summary><c>float_range</c>.</summary>
    FloatRange,

    /// <summary><c>long_range</c>.</summary>
    LongRange,

    /// <summary><c>double_range</c>.</summary>
    DoubleRange,

    /// <summary><c>date_range</c>.</summary>
    DateRange,

    /// <summary><c>ip_range</c>.</summary>
    IpRange,

    /// <summary><c>join</c>: the parent and child relation of documents in one index.</summary>
    Join,

    /// <summary><c>completion</c>: input for search suggestions.</summary>
    Completion,

    /// <summary><c>semantic_text</c>: text that Elasticsearch embeds for semantic search.</summary>
    SemanticText,

    /// <summary><c>aggregate_metric_double</c>: pre-aggregated min, max, sum and value_count.</summary>
    AggregateMetricDouble,

    /// <summary><c>icu_collation_keyword</c> (analysis-icu plugin): a keyword compared by collation key.</summary>
    IcuCollationKeyword,
}
