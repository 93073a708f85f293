namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>
/// Example names of the data streams of Elastic's AWS integrations (<c>logs-{dataset}-{namespace}</c>)
/// and of Filebeat's AWS module indices (<c>filebeat-{version}</c>), to test index patterns against.
/// </summary>
internal static class AwsDataStreams
{
    public const string CloudTrail = "logs-aws.cloudtrail-default";

    /// <summary>The AWS data streams other than CloudTrail, whose documents carry fields of their own.</summary>
    public static readonly IReadOnlyList<string> Others =
    [
        "logs-aws.guardduty-default",
        "logs-aws.securityhub_findings-default",
        "logs-aws.cloudwatch_logs-default",
        "logs-aws.vpcflow-default",
        "logs-aws_bedrock.invocation-default",
        "logs-aws_bedrock_agentcore.runtime_application_logs-default",
    ];

    public static readonly IReadOnlyList<string> All = [CloudTrail, .. Others, "filebeat-8.17.0"];
}
