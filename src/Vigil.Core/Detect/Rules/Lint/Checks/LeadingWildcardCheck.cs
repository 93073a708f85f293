using Vigil.Detect.Kql;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports, once per field, values that start with <c>*</c> on large keyword fields (the string
/// copies of request and response objects): Elasticsearch tests every term of the field for such a
/// pattern, and these fields hold one long term per event.
/// </summary>
internal static class LeadingWildcardCheck
{
    public static void Run(LintContext context)
    {
        var leaves = context.Leaves
            .Where(leaf => leaf.IsWildcard && leaf.Value!.Text.StartsWith('*') && IsLarge(leaf.Field))
            .DistinctBy(leaf => leaf.Field, StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            context.AtLeaf(LintIds.LeadingWildcard, LintSeverity.Info, leaf,
                $"{leaf.Field}:{leaf.Value!.Text} starts with a wildcard, so Elasticsearch tests every term of this large field",
                "match a parsed field such as aws.cloudtrail.flattened.request_parameters.* where one exists");
        }
    }

    private static bool IsLarge(string field) =>
        FieldMapping.CloudTrail.Find(field)?.IgnoreAbove > FieldMapping.DefaultKeywordIgnoreAbove;
}
