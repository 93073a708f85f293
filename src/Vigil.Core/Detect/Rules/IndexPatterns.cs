namespace Vigil.Detect.Rules;

/// <summary>Matches data stream names against a rule's index patterns the way Elasticsearch resolves them.</summary>
public static class IndexPatterns
{
    /// <summary>
    /// Returns true when <paramref name="dataStream"/> is among the indices that
    /// <paramref name="patterns"/> resolve to.
    /// </summary>
    /// <remarks>
    /// Each entry may be a comma-separated list. Expressions apply in order: a plain expression
    /// (with <c>*</c> wildcards, case-sensitive) adds the names it matches, and an expression
    /// starting with <c>-</c> after a wildcard expression removes the names it matches. A
    /// <c>-</c> expression before any wildcard is a literal name, as in Elasticsearch, and
    /// never matches because index names cannot start with <c>-</c>. Remote-cluster expressions
    /// (<c>cluster:index</c>) never match a local name. Time is linear in the name length for
    /// given patterns.
    /// </remarks>
    public static bool Matches(IReadOnlyList<string> patterns, string dataStream)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(dataStream);

        var matched = false;
        var wildcardSeen = false;
        foreach (var expression in Expressions(patterns))
        {
            if (expression[0] == '-' && wildcardSeen)
            {
                matched &= !Wildcard.IsMatch(expression.AsSpan(1), dataStream);
            }
            else
            {
                matched |= Wildcard.IsMatch(expression, dataStream);
            }

            wildcardSeen |= expression.Contains('*', StringComparison.Ordinal);
        }

        return matched;
    }

    private static IEnumerable<string> Expressions(IReadOnlyList<string> patterns) =>
        patterns.SelectMany(pattern => pattern.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
