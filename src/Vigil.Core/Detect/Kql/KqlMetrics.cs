using System.Diagnostics.Metrics;

namespace Vigil.Detect.Kql;

/// <summary>
/// Counters of the KQL engine a host can export (for example with
/// <c>dotnet-counters monitor --counters Vigil.Kql</c>). Evaluation has no counter: it cannot fail once a
/// query compiled, and the hunt already counts the events it evaluates and the alerts they raise.
/// </summary>
internal static class KqlMetrics
{
    public const string MeterName = "Vigil.Kql";

    /// <summary>The <c>outcome</c> tag of a query that compiled or translated.</summary>
    public const string Success = "success";

    /// <summary>The <c>outcome</c> tag of a query that does not follow Kibana's grammar.</summary>
    public const string SyntaxError = "syntax_error";

    /// <summary>The <c>outcome</c> tag of a query Elasticsearch or Kibana would reject for the field types.</summary>
    public const string QueryError = "query_error";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Queries compiled to predicates, tagged <c>outcome</c>.</summary>
    public static readonly Counter<long> Compiled =
        Meter.CreateCounter<long>("vigil.kql.compiled", "{query}", "KQL queries compiled to predicates, by outcome");

    /// <summary>Queries translated to Elasticsearch query DSL, tagged <c>outcome</c>.</summary>
    public static readonly Counter<long> Translated =
        Meter.CreateCounter<long>("vigil.kql.translated", "{query}", "KQL queries translated to query DSL, by outcome");

    public static void CountCompiled(string outcome) => Compiled.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void CountTranslated(string outcome) => Translated.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
