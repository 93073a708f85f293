namespace Vigil.Detect.Kql;

/// <summary>The result of parsing a KQL query: either the AST or a syntax error.</summary>
public sealed class KqlParseResult
{
    private KqlParseResult(KqlNode? query, KqlSyntaxError? error)
    {
        Query = query;
        Error = error;
    }

    /// <summary>True when the query parsed.</summary>
    public bool Success => Query is not null;

    /// <summary>The AST, when parsing succeeded.</summary>
    public KqlNode? Query { get; }

    /// <summary>The syntax error, when parsing failed.</summary>
    public KqlSyntaxError? Error { get; }

    internal static KqlParseResult Parsed(KqlNode query) => new(query, null);

    internal static KqlParseResult Failed(KqlSyntaxError error) => new(null, error);
}
