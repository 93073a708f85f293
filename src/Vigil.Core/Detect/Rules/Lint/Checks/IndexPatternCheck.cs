using Vigil.Detect.Rules.Lint.Catalog;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>Reports index patterns that match none of the data streams Vigil can produce or Elastic's AWS integrations write.</summary>
internal static class IndexPatternCheck
{
    public static void Run(LintContext context)
    {
        var index = context.Rule.Index;
        if (index.Count == 0 || AwsDataStreams.All.Any(stream => IndexPatterns.Matches(index, stream)))
        {
            return;
        }

        context.AtField(LintIds.UnmatchedIndexPatterns, LintSeverity.Warning, "rule.index",
            $"index patterns {string.Join(", ", index)} match no known AWS data stream, so the rule reads no CloudTrail data",
            "add logs-aws.cloudtrail-* to rule.index");
    }
}
