using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports exact values longer than the keyword field's <c>ignore_above</c>. Elasticsearch does not
/// index a longer value, so no event has such a term and the condition never matches.
/// </summary>
/// <remarks>
/// Elasticsearch compares <c>ignore_above</c> with the Java string length, which counts UTF-16 code
/// units as <see cref="string.Length"/> does. Wildcard values are left out: a pattern may still
/// match a shorter value.
/// </remarks>
internal static class IgnoreAboveCheck
{
    public static void Run(LintContext context)
    {
        foreach (var leaf in context.Leaves.Where(leaf => leaf.IsExact))
        {
            var value = leaf.Value!.Text;
            if (IgnoreAboveOf(leaf.Field) is not { } limit || value.Length <= limit)
            {
                continue;
            }

            var outcome = leaf.Negated ? "the \"not\" around it excludes no event" : "the condition never matches";
            context.AtLeaf(LintIds.ValueAboveIgnoreAbove, LintSeverity.Error, leaf,
                $"{leaf.Field} is a keyword field with ignore_above {limit}, and the value is {value.Length} characters long, so Elasticsearch indexes no such value and {outcome}",
                Fix(leaf.Field, limit));
        }
    }

    /// <summary>
    /// Returns the <c>ignore_above</c> of a keyword field in the CloudTrail mapping, or null when the
    /// field is no keyword field or has no limit. A catalogued keyword field that the mapping does not
    /// list gets the mapping's default: ECS and Fleet give keyword fields 1024 unless they set another.
    /// </summary>
    private static int? IgnoreAboveOf(string field)
    {
        if (FieldMapping.CloudTrail.Find(field) is { } mapped)
        {
            return mapped.Type == FieldType.Keyword ? mapped.IgnoreAbove : null;
        }

        return FieldCatalogue.TypeOf(field) == FieldType.Keyword ? FieldMapping.CloudTrail.DefaultIgnoreAbove : null;
    }

    /// <summary>Suggests the field's text multi-field, which has no length limit, or else removing the condition.</summary>
    private static string Fix(string field, int limit) =>
        FieldMapping.CloudTrail.MultiFieldsOf(field).FirstOrDefault(multiField => multiField.Type is FieldType.Text or FieldType.MatchOnlyText) is { } text
            ? $"match a phrase on the text multi-field, which indexes values of any length: {text.Name}:\"...\""
            : $"remove the condition, because no value of {field} longer than {limit} characters is indexed";
}
