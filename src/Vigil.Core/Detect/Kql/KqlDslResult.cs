using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql;

/// <summary>The result of translating KQL to Elasticsearch query DSL: the query object, or an error.</summary>
public sealed class KqlDslResult
{
    private KqlDslResult(JsonObject? query, KqlError? error)
    {
        Query = query;
        Error = error;
    }

    /// <summary>True when the translation succeeded.</summary>
    public bool Success => Query is not null;

    /// <summary>The query DSL object, when the translation succeeded.</summary>
    public JsonObject? Query { get; }

    /// <summary>A <see cref="KqlSyntaxError"/>, or a <see cref="KqlQueryError"/> where Kibana rejects the query.</summary>
    public KqlError? Error { get; }

    internal static KqlDslResult Translated(JsonObject query) => new(query, null);

    internal static KqlDslResult Failed(KqlError error) => new(null, error);
}
