using Vigil.Detect.Rules.Filters;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Detect.Rules;

/// <summary>The rules a hunt can run: KQL query rules whose index patterns read the CloudTrail data stream.</summary>
internal static class RuleSupport
{
    private const string QueryRuleType = "query";
    private const string KqlLanguage = "kuery";

    /// <summary>
    /// Kibana's default for the advanced setting <c>securitySolution:defaultIndex</c>, which a rule
    /// without <c>index</c> or data view searches.
    /// </summary>
    internal static readonly IReadOnlyList<string> KibanaDefaultIndex =
    [
        "apm-*-transaction*", "auditbeat-*", "endgame-*", "filebeat-*", "logs-*", "packetbeat-*",
        "traces-apm*", "winlogbeat-*", "-*elastic-cloud-logs-*",
    ];

    /// <summary>Returns why a hunt cannot run a rule of this type, language or index, or null when it can.</summary>
    public static string? Unsupported(DetectionRule rule)
    {
        if (rule.Type != QueryRuleType)
        {
            return $"rule type {rule.Type} is not supported yet";
        }

        if (rule.Language != KqlLanguage)
        {
            return $"query language {rule.Language} is not supported yet";
        }

        var index = rule.Index.Count == 0 ? KibanaDefaultIndex : rule.Index;
        return IndexPatterns.Matches(index, EcsDocument.CloudTrailDataStream)
            ? null
            : $"its index patterns ({string.Join(", ", index)}) do not match the CloudTrail data stream {EcsDocument.CloudTrailDataStream}";
    }

    /// <summary>
    /// Returns why a hunt cannot run <paramref name="rule"/>: an unsupported type, language or index,
    /// an invalid query or filter, or an invalid severity or risk score mapping. Returns null when it can.
    /// </summary>
    public static string? CannotRunReason(DetectionRule rule, FieldMapping mapping)
    {
        if (Unsupported(rule) is { } unsupported)
        {
            return unsupported;
        }

        if (RuleQuery.Compile(rule, mapping).Error is { } error)
        {
            return error;
        }

        return RuleMappings.Problems(rule) is [var (_, mappingProblem), ..] ? mappingProblem : null;
    }
}
