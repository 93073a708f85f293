namespace Vigil.Detect.Kql;

/// <summary>
/// Kibana's options for turning KQL into Elasticsearch query DSL (the <c>config</c> argument of
/// <c>toElasticsearchQuery</c> in Kibana's kbn-es-query package).
/// </summary>
public sealed record KqlDslOptions
{
    /// <summary>
    /// Kibana's <c>dateFormatTZ</c>: the time zone added as <c>time_zone</c> to clauses on date fields,
    /// except for digit-only (epoch milliseconds) values. The detection engine sets <c>Zulu</c>. Null adds none.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>When set, <c>case_insensitive</c> with this value is added to <c>term</c> and <c>wildcard</c> clauses.</summary>
    public bool? CaseInsensitive { get; init; }

    /// <summary>When set, <c>ignore_unmapped</c> with this value is added to every <c>nested</c> clause.</summary>
    public bool? NestedIgnoreUnmapped { get; init; }

    /// <summary>True to put the operands of <c>and</c> under <c>bool.must</c> instead of <c>bool.filter</c>.</summary>
    public bool FiltersInMustClause { get; init; }
}
