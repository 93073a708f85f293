using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Kql.Compilation;
using Vigil.Map;

namespace Vigil.Detect.Rules.Filters;

/// <summary>
/// Compiles a <see cref="FilterNode"/> with the KQL compiler's per-type leaf semantics, and keeps
/// where in the filters the compiler's first error is.
/// </summary>
internal sealed class FilterCompiler(QueryCompiler compiler, FieldMapping mapping)
{
    /// <summary>Where the query is that the compiler's first error rejects, with the index of a rejected terms value.</summary>
    public FilterLocation? FirstErrorLocation { get; private set; }

    public DocumentMatcher Compile(FilterNode node) => node switch
    {
        FilterFieldQuery query => CompileLocated(query),
        FilterAll { Operands.Count: 0 } => ConstantMatcher.Always,
        FilterAll all => new AndMatcher([.. all.Operands.Select(Compile)]),
        FilterAtLeast least => AtLeast(least),
        FilterNot not => new NotMatcher(Compile(not.Operand)),
        _ => throw new ArgumentException($"unknown filter node {node.GetType().Name}", nameof(node)),
    };

    private DocumentMatcher CompileLocated(FilterFieldQuery query)
    {
        var hadError = compiler.FirstError is not null;
        var matcher = CompileFieldQuery(query);
        if (!hadError && compiler.FirstError is not null && query.Location is { } location)
        {
            var path = compiler.FirstErrorValueIndex is { } index ? location.PathOf(index) : location.Path;
            FirstErrorLocation = location with { Path = path, IsList = false };
        }

        return matcher;
    }

    private DocumentMatcher CompileFieldQuery(FilterFieldQuery query) => query switch
    {
        FilterLeaf leaf => compiler.Compile(leaf.Leaf, ""),
        FilterRange { Lower: { } lower, Upper: { } upper } range =>
            compiler.CompileBetween(KqlField.Named(range.Field), lower.Operator, lower.Value, upper.Operator, upper.Value),
        FilterRange range when (range.Lower ?? range.Upper) is { } bound =>
            compiler.Compile(new KqlRange(KqlField.Named(range.Field), bound.Operator, bound.Value), ""),
        FilterTermLevel termLevel => compiler.CompileTermLevel(KqlField.Named(termLevel.Field), (leaves, field) => TermLevel(termLevel, leaves, field)),
        _ => throw new ArgumentException($"unknown filter query {query.GetType().Name}", nameof(query)),
    };

    private static LeafResult TermLevel(FilterTermLevel query, TermLevelLeaves leaves, ResolvedField field) => query.Query switch
    {
        TermLevelQuery.Terms => leaves.Terms(field, query.Values, query.CaseInsensitive),
        TermLevelQuery.Prefix => TermLevelLeaves.Prefix(field, query.Values[0], query.CaseInsensitive),
        _ => TermLevelLeaves.Wildcard(field, query.Values[0], query.CaseInsensitive),
    };

    /// <summary>Lucene's minimum number of optional clauses: none needed matches all, more than there are matches none.</summary>
    private DocumentMatcher AtLeast(FilterAtLeast least)
    {
        var operands = (least.Minimum == 1 ? CompileAlternatives(least.Operands) : least.Operands.Select(Compile)).ToArray();
        if (least.Minimum <= 0)
        {
            return ConstantMatcher.Always;
        }

        if (least.Minimum > operands.Length)
        {
            return ConstantMatcher.Never;
        }

        if (least.Minimum == 1)
        {
            return new OrMatcher(operands);
        }

        return least.Minimum == operands.Length ? new AndMatcher(operands) : new AtLeastMatcher(least.Minimum, operands);
    }

    /// <summary>
    /// Compiles the operands of an OR. The <c>match_phrase</c> queries on one ip, number or date
    /// field, as Kibana's phrases filter writes them, become one terms query, because there a phrase
    /// is the parsed value, as a term is, and a terms query tests a hashed set of the values.
    /// </summary>
    private IEnumerable<DocumentMatcher> CompileAlternatives(IReadOnlyList<FilterNode> operands)
    {
        var phrases = operands.OfType<FilterLeaf>()
            .Where(leaf => leaf.Leaf is KqlIs { Field.Name: { } field, Value.Kind: KqlValueKind.Quoted } && HasTermSet(field))
            .GroupBy(leaf => ((KqlIs)leaf.Leaf).Field.Name!, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
        var merged = new HashSet<FilterNode>(phrases.Values.SelectMany(group => group), ReferenceEqualityComparer.Instance);

        foreach (var group in phrases.Values)
        {
            yield return CompilePhrases(group);
        }

        foreach (var operand in operands.Where(operand => !merged.Contains(operand)))
        {
            yield return Compile(operand);
        }
    }

    private bool HasTermSet(string field) =>
        TypeFamilies.Of(ResolvedField.Resolve(mapping, field).Type) is TypeFamily.Ip or TypeFamily.Integer or TypeFamily.Float or TypeFamily.Date;

    /// <summary>Compiles match_phrase queries on one field as one terms query, and places an error at the rejected phrase.</summary>
    private DocumentMatcher CompilePhrases(List<FilterLeaf> phrases)
    {
        var field = ((KqlIs)phrases[0].Leaf).Field.Name!;
        var values = phrases.Select(phrase => ((KqlIs)phrase.Leaf).Value.Text).ToList();
        var hadError = compiler.FirstError is not null;
        var matcher = compiler.CompileTermLevel(KqlField.Named(field), (leaves, resolved) => leaves.Terms(resolved, values, caseInsensitive: false));
        if (!hadError && compiler.FirstError is not null)
        {
            FirstErrorLocation = phrases[compiler.FirstErrorValueIndex ?? 0].Location;
        }

        return matcher;
    }

    private sealed class AtLeastMatcher(int minimum, DocumentMatcher[] operands) : DocumentMatcher
    {
        public override bool Matches(JsonNode scope, EcsDocument? document)
        {
            var matched = 0;
            for (var i = 0; i < operands.Length && matched + (operands.Length - i) >= minimum; i++)
            {
                if (operands[i].Matches(scope, document) && ++matched >= minimum)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
