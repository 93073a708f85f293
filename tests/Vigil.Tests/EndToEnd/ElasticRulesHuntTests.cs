using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Tests.Support;

namespace Vigil.Tests.EndToEnd;

/// <summary>
/// Elastic's prebuilt AWS rules hunted over real CloudTrail: every KQL query rule runs, every other rule
/// is skipped with its type, and alert counts agree with counts taken on the raw records by separate code.
/// </summary>
public partial class ElasticRulesHuntTests
{
    private static readonly Lazy<(HuntSummary Summary, CollectingSink Sink, List<JsonObject> Raw)> Hunted = new(HuntSharedData);

    public static TheoryData<string> RuleIds => [.. ExpectedAlerts.Keys];

    [Fact]
    public void EveryKqlQueryRuleRuns()
    {
        var index = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws", "INDEX.tsv");
        var history = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws", "history");
        var indexed = File.ReadLines(index).Skip(1)
            .Select(line => line.Split('\t'))
            .Count(columns => columns[2] == "query" && columns[3] == "kuery");

        // The index lists the current pack. The older versions of the AssumeRole query rule in
        // history/ share its rule_id, so the hunt skips them for the current one, which is a
        // new_terms rule the hunt cannot run either.
        var historyFiles = Directory.GetFiles(history, "*.toml").Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);

        var summary = Hunted.Value.Summary;
        var skippedHistory = summary.RulesSkipped.Where(s => historyFiles.Contains(Path.GetFullPath(s.Rule.SourcePath!))).ToList();

        Assert.Equal(indexed, summary.RulesRun.Count);
        Assert.All(summary.RulesRun, rule => Assert.Equal("query", rule.Type));
        Assert.Equal(historyFiles.Count, skippedHistory.Count);
        Assert.All(skippedHistory, s => Assert.StartsWith("older revision of rule_id", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void OtherRulesAreSkippedByType()
    {
        RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");

        // The older revisions in history/ are query rules, skipped for the current revision instead.
        var skipped = Hunted.Value.Summary.RulesSkipped
            .Where(s => !s.Reason.StartsWith("older revision of rule_id", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(skipped);
        Assert.All(skipped, s => Assert.NotEqual("query", s.Rule.Type));
        Assert.All(skipped, s => Assert.Contains(s.Rule.Type, s.Reason));
    }

    [Fact]
    public void RecordsAddUp()
    {
        RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");

        var summary = Hunted.Value.Summary;

        Assert.Equal(summary.Records, summary.Events + summary.Errors + summary.Skipped);
        Assert.True(summary.Events > 3000, $"only {summary.Events} events");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void AlertCountMatchesRawCount(string ruleId)
    {
        RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var (summary, _, raw) = Hunted.Value;

        var expected = raw.Count(ExpectedAlerts[ruleId]);
        var rule = Assert.Single(summary.RulesRun, r => r.RuleId == ruleId);

        Assert.Equal(expected, summary.AlertsByRule[rule]);
    }

    [Fact]
    public void SomeCheckedRulesAlert()
    {
        RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var raw = Hunted.Value.Raw;

        var alerting = ExpectedAlerts.Values.Count(predicate => raw.Any(predicate));

        Assert.True(alerting >= 8, $"only {alerting} of the checked rules have matching records");
    }

    private static (HuntSummary, CollectingSink, List<JsonObject>) HuntSharedData()
    {
        var rules = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var data = RepoPaths.SharedOrSkip("data", "cloudtrail");

        var loaded = RuleLoader.LoadPaths([rules]);
        var (summary, sink) = CollectingSink.Hunt(loaded.Rules, data);
        var raw = RawRecords.Distinct(RawRecords.FromPaths(data)).ToList();
        return (summary, sink, raw);
    }

    // Each rule's query restated on raw CloudTrail fields, written without the ECS mapper or KQL.
    private static readonly Dictionary<string, Func<JsonObject, bool>> ExpectedAlerts = new()
    {
        ["594e0cbf-86cc-45aa-9ff7-ff27db27d3ed"] = r => Call(r, "cloudtrail", "CreateTrail") && Succeeded(r),
        ["7024e2a0-315d-4334-bb1a-441c593e16ab"] = r => Call(r, "cloudtrail", "DeleteTrail") && Succeeded(r),
        ["1aa8fa52-44a7-4dae-b058-f3333b91c8d7"] = r => Call(r, "cloudtrail", "StopLogging") && Succeeded(r),
        ["6951f15e-533c-4a60-8014-a3c3ab851a1b"] = r => Call(r, "kms", "DisableKey", "ScheduleKeyDeletion") && Succeeded(r),
        ["bb9b13b2-1700-48a8-a750-b43b0a72ab69"] = r => Call(r, "ec2", "DisableEbsEncryptionByDefault") && Succeeded(r),
        ["9055ece6-2689-4224-a0e0-b04881e1f8ad"] = r => Call(r, "rds", "DeleteDBCluster", "DeleteGlobalCluster", "DeleteDBInstance") && Succeeded(r),
        ["e2a67480-3b79-403d-96e3-fdd2992c50ef"] = r => Call(r, "signin", "ConsoleLogin") && Text(r, "userIdentity.type") == "Root" && Succeeded(r),
        ["873b5452-074e-11ef-852e-f661ea17fbcc"] = r => Call(r, "ec2-instance-connect", "SendSSHPublicKey", "SendSerialConsoleSSHPublicKey") && Succeeded(r),
        ["227dc608-e558-43d9-b521-150772250bae"] = r => Call(r, "s3", "DeleteBucketPolicy", "DeleteBucketReplication", "DeleteBucketCors", "DeleteBucketEncryption", "DeleteBucketLifecycle") && Succeeded(r),
        ["9395fd2c-9947-4472-86ef-4aceb2f7e872"] = r => Call(r, "ec2", "DeleteFlowLogs") && Succeeded(r),
        ["bb3ac0e3-2c9c-4069-a26d-75ca6a6e547b"] = r => Text(r, "eventSource") == "lambda.amazonaws.com"
            && (Text(r, "eventName") == "DeleteFunction" || Text(r, "eventName")?.StartsWith("DeleteFunction20", StringComparison.Ordinal) == true)
            && Succeeded(r),
        ["119c8877-8613-416d-a98a-96b6664ee73a"] = r => Call(r, "rds", "StartExportTask") && Succeeded(r),
        ["b45ab1d2-712f-4f01-a751-df3826969807"] = r => Call(r, "sts", "GetSessionToken") && Succeeded(r),
        ["29052c19-ff3e-42fd-8363-7be14d7c5469"] = r => Text(r, "eventSource") == "ec2.amazonaws.com" && Succeeded(r)
            && (Call(r, "ec2", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "CreateSecurityGroup", "ModifySecurityGroupRules", "RevokeSecurityGroupEgress", "RevokeSecurityGroupIngress")
                || (Call(r, "ec2", "ModifyInstanceAttribute") && HasGroupId(r))),
        ["2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba"] = r => Call(r, "s3", "GetObject") && Succeeded(r)
            && Text(r, "userIdentity.type") != "AWSService"
            && SecretObjectKey().IsMatch(Text(r, "requestParameters.key") ?? ""),
    };

    private static bool Call(JsonObject record, string service, params string[] names) =>
        Text(record, "eventSource") == service + ".amazonaws.com" && names.Contains(Text(record, "eventName"));

    /// <summary>Elastic's outcome: failure when errorCode or errorMessage has a value; ConsoleLogin reports its own.</summary>
    private static bool Succeeded(JsonObject record)
    {
        var login = Text(record, "responseElements.ConsoleLogin");
        if (Text(record, "eventName") == "ConsoleLogin" && Present(login))
        {
            return login!.Equals("success", StringComparison.OrdinalIgnoreCase);
        }

        return !Present(Text(record, "errorCode")) && !Present(Text(record, "errorMessage"));
    }

    private static bool Present(string? value) => value is not (null or "" or "-" or "none");

    private static bool HasGroupId(JsonObject record) =>
        record["requestParameters"]?["groupSet"]?["items"] is JsonArray items
        && items.Any(item => Present(item?["groupId"]?.ToString()));

    private static string? Text(JsonObject record, string path) => RawRecords.Text(record, path);

    [GeneratedRegex(@"^(.*/\.aws/credentials|.*/\.aws/config|.*/id_rsa|.*/id_ed25519|.*/id_ecdsa|.*/id_dsa|.*/\.env|.*/\.env\..*|.*\.ppk|.*\.pem|.*\.key|.*private_key.*|.*/\.ssh/authorized_keys)$", RegexOptions.Singleline)]
    private static partial Regex SecretObjectKey();
}
