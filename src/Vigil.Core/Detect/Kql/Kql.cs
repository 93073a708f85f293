using Vigil.Detect.Kql.Parsing;

namespace Vigil.Detect.Kql;

/// <summary>
/// Entry points for KQL (Kibana Query Language, "kuery"): parse a query following Kibana's grammar,
/// and compile it to a predicate over ECS documents with Elasticsearch's per-type semantics.
/// </summary>
public static class Kql
{
    /// <summary>
    /// The deepest nesting of <c>( )</c> and <c>{ }</c> a query may have; deeper queries get a syntax
    /// error instead of exhausting the stack. Real rules nest a few levels, so the limit only stops hostile input.
    /// </summary>
    public const int MaxNestingDepth = 512;

    /// <summary>Parses <paramref name="query"/>; a blank query parses to <see cref="KqlMatchAll"/>.</summary>
    public static KqlParseResult Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return KqlParser.Parse(query);
    }

    /// <summary>
    /// Parses and compiles <paramref name="query"/> against <paramref name="mapping"/>. The result contains
    /// either a predicate or an error: a syntax error, or a query error where Elasticsearch would reject
    /// the query. <paramref name="clock"/> supplies <c>now</c> for date math (default: the system clock).
    /// </summary>
    public static KqlCompileResult Compile(string query, FieldMapping mapping, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(mapping);

        var parsed = Parse(query);
        if (parsed.Query is not { } ast)
        {
            KqlMetrics.CountCompiled(KqlMetrics.SyntaxError);
            return KqlCompileResult.FromSyntaxError(parsed.Error!);
        }

        return KqlCompiler.Compile(ast, mapping, clock, query);
    }
}
