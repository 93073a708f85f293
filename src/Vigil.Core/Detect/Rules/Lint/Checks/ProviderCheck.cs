using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>Reports <c>event.provider</c> values that are no AWS event source, such as <c>eventbridge.amazonaws.com</c>.</summary>
internal static class ProviderCheck
{
    public static void Run(LintContext context)
    {
        var leaves = context.Leaves.Where(leaf => leaf.Field == "event.provider" && !leaf.Negated && leaf.IsExact);
        foreach (var leaf in leaves)
        {
            var provider = leaf.Value!.Text;
            if (!provider.EndsWith(".amazonaws.com", StringComparison.Ordinal) || CloudTrailEventNames.IsKnownSource(provider))
            {
                continue;
            }

            context.AtLeaf(LintIds.UnknownProvider, LintSeverity.Warning, leaf,
                $"event.provider \"{provider}\" is not the event source of any AWS service, so the condition never matches",
                Fix(provider));
        }
    }

    private static string? Fix(string provider)
    {
        if (CloudTrailEventNames.SourceForAlias(provider) is { } source)
        {
            return $"CloudTrail logs this service as {source}";
        }

        var nearest = EditDistance.Nearest(provider, CloudTrailEventNames.Sources);
        return nearest.Count > 0 ? $"did you mean {string.Join(" or ", nearest)}?" : null;
    }
}
