using Vigil.Map;

namespace Vigil.Detect.Kql;

/// <summary>The result of compiling a KQL query: a predicate, or a syntax or query error.</summary>
public sealed class KqlCompileResult
{
    private KqlCompileResult(CompiledQuery? query, KqlError? error)
    {
        Query = query;
        Predicate = query is null ? null : query.Matches;
        Error = error;
    }

    /// <summary>True when the query compiled.</summary>
    public bool Success => Query is not null;

    /// <summary>The compiled query, when compiling succeeded.</summary>
    public CompiledQuery? Query { get; }

    /// <summary><see cref="CompiledQuery.Matches"/> as a delegate, when compiling succeeded.</summary>
    public Func<EcsDocument, bool>? Predicate { get; }

    /// <summary>The error: a <see cref="KqlSyntaxError"/> or a <see cref="KqlQueryError"/>.</summary>
    public KqlError? Error { get; }

    internal static KqlCompileResult Compiled(CompiledQuery query) => new(query, null);

    internal static KqlCompileResult FromSyntaxError(KqlSyntaxError error) => new(null, error);

    internal static KqlCompileResult FromQueryError(KqlQueryError error) => new(null, error);
}
