using Vigil.Detect.Kql.Compilation;

namespace Vigil.Detect.Kql;

/// <summary>
/// Compiles a KQL AST to a predicate over ECS documents, with Elasticsearch's semantics for each
/// mapping type (Kibana's typed compilation: field types known from the mapping).
/// </summary>
public static class KqlCompiler
{
    /// <summary>
    /// Compiles <paramref name="query"/> against <paramref name="mapping"/>. Fails with a
    /// <see cref="KqlQueryError"/> where Elasticsearch would reject the query: a wildcard or a value of the
    /// wrong kind on a number, date, ip or boolean field, a <c>null</c> value, or a nested query on a
    /// path that is not mapped as nested.
    /// </summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="mapping">The mapping of the index the query runs on.</param>
    /// <param name="clock">The clock for <c>now</c> in date math, read at evaluation time (default: system clock).</param>
    /// <param name="queryText">The query text, used to give errors a line and column; without it the query counts as one line.</param>
    public static KqlCompileResult Compile(KqlNode query, FieldMapping mapping, TimeProvider? clock = null, string? queryText = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(mapping);

        var compiler = new QueryCompiler(mapping, clock ?? TimeProvider.System);
        var matcher = compiler.Compile(query, "");
        if (compiler.FirstError is not { } error)
        {
            KqlMetrics.CountCompiled(KqlMetrics.Success);
            return KqlCompileResult.Compiled(new CompiledQuery(query, matcher));
        }

        KqlMetrics.CountCompiled(KqlMetrics.QueryError);
        var (line, column) = LineAndColumn(queryText, error.Position);
        return KqlCompileResult.FromQueryError(new KqlQueryError(error.Position, line, column, error.Message, error.Field));
    }

    internal static (int Line, int Column) LineAndColumn(string? text, int position)
    {
        if (text is null || position < 0)
        {
            return (1, Math.Max(position, 0) + 1);
        }

        var before = text.AsSpan(0, Math.Min(position, text.Length));
        var lastLineFeed = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, position - lastLineFeed);
    }
}
