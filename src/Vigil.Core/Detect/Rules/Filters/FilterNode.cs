using Vigil.Detect.Kql;

namespace Vigil.Detect.Rules.Filters;

/// <summary>A rule's <c>filters</c> read into the Elasticsearch query Kibana builds from them.</summary>
internal abstract record FilterNode;

/// <summary>Where a query on one field is in a rule's <c>filters</c>, for messages and lint findings.</summary>
/// <param name="Index">The position of the filter in <c>filters</c>.</param>
/// <param name="Path">The JSON path of the query's field, such as <c>filters[0].query.terms.user.name</c>.</param>
/// <param name="Name">The filter's position and, when its meta names them, its alias, type and field.</param>
/// <param name="IsList">True when the values are a list, as in a <c>terms</c> query, whose items get an index.</param>
internal sealed record FilterLocation(int Index, string Path, string Name, bool IsList = false)
{
    /// <summary>Returns the path of the value at <paramref name="valueIndex"/>: the list item, or the query's path.</summary>
    public string PathOf(int valueIndex) => IsList ? $"{Path}[{valueIndex}]" : Path;
}

/// <summary>A query on one field, with its location in the rule's <c>filters</c>.</summary>
internal abstract record FilterFieldQuery : FilterNode
{
    /// <summary>Where the query is, or null for a query built outside a rule.</summary>
    public FilterLocation? Location { get; init; }
}

/// <summary>
/// A <c>match_phrase</c>, <c>match</c> or <c>exists</c> query, held as the KQL leaf Kibana translates
/// to the same query: <c>f:"v"</c> is <c>match_phrase</c>, <c>f:v</c> is <c>match</c>, <c>f:*</c> is <c>exists</c>.
/// </summary>
internal sealed record FilterLeaf(KqlNode Leaf) : FilterFieldQuery;

/// <summary>
/// A <c>term</c>, <c>terms</c>, <c>prefix</c> or <c>wildcard</c> query on one field, which one value
/// of the field must match. A term query is a terms query with one value, and
/// <see cref="CaseInsensitive"/> is the query's <c>case_insensitive</c> option.
/// </summary>
internal sealed record FilterTermLevel(string Field, TermLevelQuery Query, IReadOnlyList<string> Values, bool CaseInsensitive) : FilterFieldQuery;

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
internal sealed record FilterRange(string Field, FilterBound? Lower, FilterBound? Upper) : FilterFieldQuery;

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
