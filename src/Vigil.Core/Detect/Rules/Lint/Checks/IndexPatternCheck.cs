namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>Reports index patterns that match none of the data streams Vigil can produce or Elastic's AWS integrations write.</summary>
internal static class IndexPatternCheck
{
    /// <summary>
    /// Example names of the data streams of Elastic's AWS integrations (<c>logs-{dataset}-{namespace}</c>)
    /// and of Filebeat's AWS module indices (<c>filebeat-{version}</c>).
    /// </summary>
    private static readonly string[] KnownDataStreams =
    [
        "logs-aws.cloudtrail-default",
        "logs-aws.guardduty-default",
        "logs-aws.securityhub_findings-default",
        "logs-aws.cloudwatch_logs-default",
        "logs-aws.vpcflow-default",
        "logs-aws_bedrock.invocation-default",
        "logs-aws_bedrock_agentcore.runtime_application_logs-default",
        "filebeat-8.17.0",
    ];

    public static void Run(LintContext context)
    {
        var index = context.Rule.Index;
        if (index.Count == 0 || KnownDataStreams.Any(stream => IndexPatterns.Matches(index, stream)))
        {
            return;
        }

        context.AtField(LintIds.UnmatchedIndexPatterns, LintSeverity.Warning, "rule.index",
            $"index patterns {string.Join(", ", index)} match no known AWS data stream, so the rule reads no CloudTrail data",
            "add logs-aws.cloudtrail-* to rule.index");
    }
}
