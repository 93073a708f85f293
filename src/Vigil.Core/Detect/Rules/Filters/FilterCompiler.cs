using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Kql.Compilation;
using Vigil.Map;

namespace Vigil.Detect.Rules.Filters;

/// <summary>Compiles a <see cref="FilterNode"/> with the KQL compiler's per-type leaf semantics.</summary>
internal static class FilterCompiler
{
    public static DocumentMatcher Compile(FilterNode node, QueryCompiler compiler) => node switch
    {
        FilterLeaf leaf => compiler.Compile(leaf.Leaf, ""),
        FilterRange { Lower: { } lower, Upper: { } upper } range =>
            compiler.CompileBetween(KqlField.Named(range.Field), lower.Operator, lower.Value, upper.Operator, upper.Value),
        FilterRange range when (range.Lower ?? range.Upper) is { } bound =>
            compiler.Compile(new KqlRange(KqlField.Named(range.Field), bound.Operator, bound.Value), ""),
        FilterTermLevel query => compiler.CompileTermLevel(KqlField.Named(query.Field), (leaves, field) => TermLevel(query, leaves, field)),
        FilterAll { Operands.Count: 0 } => ConstantMatcher.Always,
        FilterAll all => new AndMatcher([.. all.Operands.Select(operand => Compile(operand, compiler))]),
        FilterAtLeast least => AtLeast(least, compiler),
        FilterNot not => new NotMatcher(Compile(not.Operand, compiler)),
        _ => throw new ArgumentException($"unknown filter node {node.GetType().Name}", nameof(node)),
    };

    private static LeafResult TermLevel(FilterTermLevel query, TermLevelLeaves leaves, ResolvedField field) => query.Query switch
    {
        TermLevelQuery.Terms => leaves.Terms(field, query.Values, query.CaseInsensitive),
        TermLevelQuery.Prefix => TermLevelLeaves.Prefix(field, query.Values[0], query.CaseInsensitive),
        _ => TermLevelLeaves.Wildcard(field, query.Values[0], query.CaseInsensitive),
    };

    /// <summary>Lucene's minimum number of optional clauses: none needed matches all, more than there are matches none.</summary>
    private static DocumentMatcher AtLeast(FilterAtLeast least, QueryCompiler compiler)
    {
        var operands = least.Operands.Select(operand => Compile(operand, compiler)).ToArray();
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
