using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Dsl;

namespace Vigil.Detect.Kql;

/// <summary>
/// Translates KQL to Elasticsearch query DSL as Kibana's kbn-es-query package does: in typed mode when a
/// mapping is given (it plays the part of Kibana's data view), in untyped mode otherwise.
/// </summary>
public static class KqlDsl
{
    /// <summary>
    /// Parses <paramref name="query"/> and translates it like Kibana's <c>toElasticsearchQuery</c>.
    /// Fails with the syntax error, or with a query error where Kibana throws (a nested field queried
    /// outside its nested path).
    /// </summary>
    /// <param name="query">The KQL text.</param>
    /// <param name="mapping">The fields and types; null for Kibana's untyped mode (no field list).</param>
    /// <param name="options">Kibana's translation options; null for none.</param>
    public static KqlDslResult ToElasticsearchQuery(string query, FieldMapping? mapping, KqlDslOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);

        var parsed = Kql.Parse(query);
        return parsed.Query is { } ast
            ? Translate(ast, mapping, options, query, wrapInFilter: false)
            : SyntaxFailure(parsed.Error!);
    }

    /// <summary>Translates an already parsed query; <paramref name="queryText"/>, when given, positions errors.</summary>
    public static KqlDslResult ToElasticsearchQuery(KqlNode query, FieldMapping? mapping, KqlDslOptions? options = null, string? queryText = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Translate(query, mapping, options, queryText, wrapInFilter: false);
    }

    /// <summary>
    /// Translates like Kibana's <c>buildQueryFromKuery</c>: the query's DSL in the <c>filter</c> (or, with
    /// <see cref="KqlDslOptions.FiltersInMustClause"/>, the <c>must</c>) array of an object that also has empty
    /// <c>must</c>, <c>should</c> and <c>must_not</c> arrays, ready to become a <c>bool</c> query's body.
    /// </summary>
    public static KqlDslResult ToBoolClauses(string query, FieldMapping? mapping, KqlDslOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);

        var parsed = Kql.Parse(query);
        return parsed.Query is { } ast
            ? Translate(ast, mapping, options, query, wrapInFilter: true)
            : SyntaxFailure(parsed.Error!);
    }

    private static KqlDslResult Translate(KqlNode query, FieldMapping? mapping, KqlDslOptions? options, string? queryText, bool wrapInFilter)
    {
        var translator = new DslTranslator(mapping, options ?? new KqlDslOptions());
        var root = wrapInFilter ? new KqlAnd([query]) : query;
        var dsl = translator.Translate(root, null);
        if (translator.FirstError is { } error)
        {
            var (line, column) = KqlCompiler.LineAndColumn(queryText, error.Position);
            KqlMetrics.CountTranslated(KqlMetrics.QueryError);
            return KqlDslResult.Failed(new KqlQueryError(error.Position, line, column, error.Message, error.Field));
        }

        KqlMetrics.CountTranslated(KqlMetrics.Success);
        return KqlDslResult.Translated(wrapInFilter ? ToBoolClauses(dsl) : dsl);
    }

    private static KqlDslResult SyntaxFailure(KqlSyntaxError error)
    {
        KqlMetrics.CountTranslated(KqlMetrics.SyntaxError);
        return KqlDslResult.Failed(error);
    }

    private static JsonObject ToBoolClauses(JsonObject andQuery)
    {
        var clauses = new JsonObject { ["must"] = new JsonArray(), ["filter"] = new JsonArray(), ["should"] = new JsonArray(), ["must_not"] = new JsonArray() };
        foreach (var (occur, value) in andQuery["bool"]!.AsObject().ToList())
        {
            andQuery["bool"]!.AsObject().Remove(occur);
            clauses[occur] = value;
        }

        return clauses;
    }
}
