using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>Reports values that a field with a closed set of values never has, such as <c>event.outcome:succeeded</c>.</summary>
internal static class KnownValueCheck
{
    public static void Run(LintContext context)
    {
        foreach (var leaf in context.Leaves.Where(leaf => leaf.Value is not null && (leaf.IsExact || leaf.IsWildcard)))
        {
            if (KnownFieldValues.AllowedValues(leaf.Field) is not { } allowed || leaf.MatchesAny(allowed))
            {
                continue;
            }

            var value = leaf.Value!.Text;
            var severity = leaf.Negated ? LintSeverity.Warning : LintSeverity.Error;
            var effect = leaf.Negated ? "the negated condition always holds" : "the condition never matches";
            context.AtLeaf(LintIds.ImpossibleValue, severity, leaf,
                $"{leaf.Field} \"{value}\" is not a value this field has, so {effect}",
                Fix(value, allowed));
        }
    }

    /// <summary>Returns the fix for <paramref name="value"/>: its spelling among <paramref name="allowed"/>, the nearest of them, or all of them.</summary>
    internal static string Fix(string value, IReadOnlyCollection<string> allowed)
    {
        var sameLetters = allowed.FirstOrDefault(candidate => string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null)
        {
            return $"values are case-sensitive: use {sameLetters}";
        }

        var nearest = EditDistance.Nearest(value, allowed);
        return nearest.Count > 0
            ? $"did you mean {string.Join(" or ", nearest)}?"
            : $"use one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";
    }
}
