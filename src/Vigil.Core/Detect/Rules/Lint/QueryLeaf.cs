using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Filters;

namespace Vigil.Detect.Rules.Lint;

/// <summary>
/// A field condition of a KQL query: <c>field:value</c>, or <c>field:*</c> when
/// <see cref="Value"/> is null. <see cref="Negated"/> is true under an odd number of <c>not</c>s.
/// </summary>
internal sealed record QueryLeaf(string Field, KqlValue? Value, int Position, bool Negated)
{
    /// <summary>Where the condition is in the rule's <c>filters</c>, or null for a condition of the KQL query.</summary>
    public FilterLocation? Filter { get; init; }

    /// <summary>True for an exists condition (<c>field:*</c>, or an <c>exists</c> filter), which an object field can satisfy.</summary>
    public bool IsExists { get; init; }

    /// <summary>True for a value without wildcards: quoted, or unquoted text.</summary>
    public bool IsExact => Value is { Kind: KqlValueKind.Text or KqlValueKind.Quoted };

    public bool IsWildcard => Value is { Kind: KqlValueKind.Wildcard, IsLoneWildcard: false };

    /// <summary>True when some of <paramref name="candidates"/> matches the value (exactly, or as a wildcard pattern).</summary>
    public bool MatchesAny(IEnumerable<string> candidates) =>
        candidates.Any(candidate => Matches(candidate));

    public bool Matches(string candidate) =>
        IsWildcard ? Wildcard.IsMatch(Value!.Text, candidate) : Value!.Text == candidate;

    /// <summary>Returns every named field condition of <paramref name="query"/>; nested queries are skipped.</summary>
    public static IReadOnlyList<QueryLeaf> Collect(KqlNode query)
    {
        var leaves = new List<QueryLeaf>();
        Walk(query, negated: false, leaves);
        return leaves;
    }

    private static void Walk(KqlNode node, bool negated, List<QueryLeaf> leaves)
    {
        switch (node)
        {
            case KqlIs { Field: { IsNone: false, IsPattern: false } field } leaf:
                leaves.Add(leaf.Value.IsLoneWildcard
                    ? new QueryLeaf(field.Name!, null, leaf.Position, negated) { IsExists = true }
                    : new QueryLeaf(field.Name!, leaf.Value, leaf.Position, negated));
                break;
            case KqlExists { Field: { IsNone: false, IsPattern: false } field } exists:
                leaves.Add(new QueryLeaf(field.Name!, null, exists.Position, negated) { IsExists = true });
                break;
            case KqlAnd conjunction:
                conjunction.Operands.ToList().ForEach(operand => Walk(operand, negated, leaves));
                break;
            case KqlOr disjunction:
                disjunction.Operands.ToList().ForEach(operand => Walk(operand, negated, leaves));
                break;
            case KqlNot negation:
                Walk(negation.Operand, !negated, leaves);
                break;
        }
    }
}
