using Vigil.Detect.Kql.Compilation;
using Vigil.Map;

namespace Vigil.Detect.Kql;

/// <summary>A compiled KQL query: compile once, then test many documents. Safe to share between threads.</summary>
public sealed class CompiledQuery
{
    private readonly DocumentMatcher _matcher;

    internal CompiledQuery(KqlNode query, DocumentMatcher matcher)
    {
        Query = query;
        _matcher = matcher;
    }

    /// <summary>The query this was compiled from.</summary>
    public KqlNode Query { get; }

    /// <summary>True when <paramref name="document"/> matches, as Elasticsearch would return it.</summary>
    public bool Matches(EcsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _matcher.Matches(document.Root, document);
    }
}
