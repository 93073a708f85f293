using Vigil.Detect.Kql;

namespace Vigil.Detect.Rules.Filters;

/// <summary>A rule's <c>filters</c> read into the Elasticsearch query Kibana builds from them.</summary>
internal abstract record FilterNode;

/// <summary>
/// A <c>match_phrase</c>, <c>match</c> or <c>exists</c> query, held as the KQL leaf Kibana translates
/// to the same query: <c>f:"v"</c> is <c>match_phrase</c>, <c>f:v</c> is <c>match</c>, <c>f:*</c> is <c>exists</c>.
/// </summary>
internal sealed record FilterLeaf(KqlNode Leaf) : FilterNode;

/// <summary>
/// A <c>term</c>, <c>terms</c>, <c>prefix</c> or <c>wildcard</c> query on one field, which one value
/// of the field must match. A term query is a terms query with one value, and
/// <see cref="CaseInsensitive"/> is the query's <c>case_insensitive</c> option.
/// </summary>
internal sealed record FilterTermLevel(string Field, TermLevelQuery Query, IReadOnlyList<string> Values, bool CaseInsensitive) : FilterNode;

/// <summary>The kind of a <see cref="FilterTermLevel"/> query.</summary>
internal enum TermLevelQuery
{
    /// <summary><c>term</c> or <c>terms</c>: a value equals one of the values.</summary>
    Terms,

    /// <summary><c>prefix</c>: a value starts with the one value.</summary>
    Prefix,

    /// <summary><c>wildcard</c>: a value matches the one pattern.</summary>
    Wildcard,
}

/// <summary>A <c>range</c> query on one field, with one or two bounds that one value of the field must meet.</summary>
internal sealed record FilterRange(string Field, FilterBound? Lower, FilterBound? Upper) : FilterNode;

/// <summary>One bound of a <see cref="FilterRange"/>.</summary>
internal sealed record FilterBound(KqlRangeOperator Operator, KqlValue Value);

/// <summary>Every operand matches; no operands matches every document (<c>match_all</c>, an empty <c>bool</c>).</summary>
internal sealed record FilterAll(IReadOnlyList<FilterNode> Operands) : FilterNode
{
    public static FilterAll MatchAll { get; } = new([]);
}

/// <summary>At least <see cref="Minimum"/> operands match: a <c>bool</c> query's <c>should</c> clauses.</summary>
internal sealed record FilterAtLeast(int Minimum, IReadOnlyList<FilterNode> Operands) : FilterNode;

/// <summary>The operand does not match: a <c>must_not</c> clause, or a filter with <c>meta.negate: true</c>.</summary>
internal sealed record FilterNot(FilterNode Operand) : FilterNode;
