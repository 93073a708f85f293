using System.Collections.Frozen;

namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>
/// Fields with a closed set of values in CloudTrail data mapped by Elastic's AWS integration, and
/// the fields that hold one value per event.
/// </summary>
/// <remarks>
/// The <c>event.*</c> sets are ECS 8.x's allowed values. The <c>aws.cloudtrail.*</c> sets are the
/// values CloudTrail documents for <c>userIdentity.type</c>, <c>sessionIssuer.type</c>,
/// <c>eventType</c> and <c>eventCategory</c>. Elastic's CloudTrail pipeline sets
/// <c>cloud.provider</c> to <c>aws</c>.
/// </remarks>
internal static class KnownFieldValues
{
    public const string UserIdentityType = "aws.cloudtrail.user_identity.type";

    private static readonly FrozenDictionary<string, FrozenSet<string>> Values = new Dictionary<string, string[]>
    {
        ["event.outcome"] = ["success", "failure", "unknown"],
        ["event.kind"] = ["alert", "asset", "enrichment", "event", "metric", "state", "pipeline_error", "signal"],
        ["event.category"] =
        [
            "api", "authentication", "configuration", "database", "driver", "email", "file", "host", "iam",
            "intrusion_detection", "library", "malware", "network", "package", "process", "registry", "session",
            "threat", "vulnerability", "web",
        ],
        ["event.type"] =
        [
            "access", "admin", "allowed", "change", "connection", "creation", "deletion", "denied", "end", "error",
            "group", "indicator", "info", "installation", "protocol", "start", "user",
        ],
        ["cloud.provider"] = ["aws"],
        [UserIdentityType] =
        [
            "Root", "IAMUser", "AssumedRole", "FederatedUser", "AWSAccount", "AWSService", "SAMLUser",
            "WebIdentityUser", "IdentityCenterUser", "Directory", "Unknown",
        ],
        ["aws.cloudtrail.user_identity.session_context.session_issuer.type"] = ["Root", "IAMUser", "Role"],
        ["aws.cloudtrail.event_type"] =
            ["AwsApiCall", "AwsServiceEvent", "AwsConsoleAction", "AwsConsoleSignIn", "AwsCloudTrailInsight", "AwsVpceEvent"],
        ["aws.cloudtrail.event_category"] = ["Management", "Data", "Insight", "NetworkActivity"],
    }.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Fields that hold a single value in every CloudTrail event, so two different values cannot both match.</summary>
    /// <remarks>
    /// <c>source.ip</c> is the only ip field with one value per event: the mapper sets it from
    /// <c>sourceIPAddress</c> only when that is one address. The only other ip field it writes is
    /// <c>related.ip</c>, which may also contain <c>serviceEventDetails.sourceIpAddress</c>.
    /// </remarks>
    private static readonly FrozenSet<string> SingleValued = FrozenSet.Create(
        StringComparer.Ordinal,
        "event.provider",
        "event.action",
        "event.outcome",
        "event.dataset",
        "event.module",
        "event.kind",
        "cloud.provider",
        "cloud.region",
        "cloud.account.id",
        "source.ip",
        UserIdentityType,
        "aws.cloudtrail.user_identity.session_context.session_issuer.type",
        "aws.cloudtrail.event_type",
        "aws.cloudtrail.event_category");

    /// <summary>Returns the allowed values of <paramref name="field"/>, or null when the field's values are open.</summary>
    public static FrozenSet<string>? AllowedValues(string field) => Values.GetValueOrDefault(field);

    public static bool IsSingleValued(string field) => SingleValued.Contains(field);

    /// <summary>Returns the known-valued fields other than <paramref name="field"/> that have <paramref name="value"/>.</summary>
    public static IReadOnlyList<string> FieldsWithValue(string value, string field) =>
        Values.Where(pair => pair.Key != field && pair.Value.Contains(value)).Select(pair => pair.Key).ToList();
}
