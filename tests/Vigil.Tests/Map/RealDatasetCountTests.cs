using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Read;

namespace Vigil.Tests.Map;

/// <summary>
/// The real CloudTrail datasets (Invictus attack simulation, Panther rule tests) mapped in full:
/// counts of events per <c>event.outcome</c>, user identity type and <c>event.category</c>, each
/// pinned and each recomputed from the raw records by the simple rules below, not by the mapper.
/// </summary>
public class RealDatasetCountTests
{
    // Elastic's categorization table, grouped by category (newest pipeline revision).
    private static readonly Dictionary<string, string[]> CategoryActions = new()
    {
        ["authentication"] = ["AssumeRole", "ConsoleLogin", "GetCallerIdentity"],
        ["iam"] =
        [
            "AttachUserPolicy", "ChangePassword", "CreateAccessKey", "CreateVirtualMFADevice", "DeactivateMFADevice",
            "DeleteAccessKey", "DeleteSSHPublicKey", "DeleteUserPermissionsBoundary", "DeleteUserPolicy",
            "DeleteVirtualMFADevice", "DetachUserPolicy", "EnableMFADevice", "PutUserPermissionsBoundary", "PutUserPolicy",
            "TagUser", "UntagUser", "UpdateAccessKey", "UpdateLoginProfile", "UpdateSSHPublicKey", "UpdateUser",
            "CreateUser", "DeleteUser", "GetUser", "GetUserPolicy", "ListAttachedUserPolicies", "ListGroupsForUser",
            "ListUserPolicies", "ListUsers", "ListUserTags", "AddUserToGroup", "AttachGroupPolicy", "DeleteGroupPolicy",
            "DetachGroupPolicy", "PutGroupPolicy", "RemoveUserFromGroup", "UpdateGroup", "CreateGroup", "DeleteGroup",
            "GetGroup", "GetGroupPolicy", "ListAttachedGroupPolicies", "ListGroupPolicies", "ListGroups", "CreateKeyPair",
            "SetDefaultPolicyVersion", "SetSecurityTokenServicePreferences", "UpdateAccountPasswordPolicy", "UpdateRole",
            "ListRoles", "GetPolicy", "ListAttachedRolePolicies", "CreatePolicy", "AttachRolePolicy",
        ],
        ["file"] = ["CreateBucket", "DeleteBucket", "ListBuckets", "ListObjects", "HeadObject", "GetObject", "PutObject", "DeleteObject", "CreateDocument"],
        ["host"] = ["DescribeInstances", "DescribeVolumes", "ListInstanceAssociations"],
        ["network"] = ["DescribeSecurityGroups", "DescribeNetworkInterfaces", "DescribeVpcs", "DescribeNetworkAcls", "DescribeLoadBalancers", "AuthorizeSecurityGroupIngress"],
        ["api"] = ["DescribeRegions", "Publish", "Converse"],
        ["configuration"] = ["DescribeTrails", "DeleteTrail", "CreateTopic", "Subscribe"],
        ["package"] = ["ListFunctions"],
        ["database"] = ["ListTables", "DescribeDBInstances"],
        ["process"] = ["SendCommand"],
        ["session"] = ["StartSession", "CreateControlChannel", "OpenControlChannel", "CreateDataChannel", "OpenDataChannel", "TerminateSession"],
    };

    private const string None = "(none)";

    private static readonly Lazy<List<(JsonObject Record, JsonObject Document)>> Corpus = new(Load);

    [Fact]
    public void DatasetsReadWithoutErrors()
    {
        var root = SharedData.Require("data/cloudtrail");

        var items = CloudTrailReader.ExpandPaths([root]).SelectMany(new CloudTrailReader().ReadFile).ToList();

        Assert.Empty(items.Errors());
        Assert.Equal(3358, items.Records().Count);
    }

    [Fact]
    public void OutcomeCountsArePinned()
    {
        var counts = Count(d => Text(d, "event", "outcome"));

        Assert.Equal(2980, counts["success"]);
        Assert.Equal(378, counts["failure"]);
        Assert.Equal(2, counts.Count);
    }

    [Fact]
    public void OutcomeCountsMatchRawRecords()
    {
        var mapped = Count(d => Text(d, "event", "outcome"));

        var raw = CountRaw(RawOutcome);

        Assert.Equal(raw.OrderBy(p => p.Key), mapped.OrderBy(p => p.Key));
    }

    [Fact]
    public void IdentityTypeCountsArePinned()
    {
        var counts = Count(d => Text(d, "aws", "cloudtrail", "user_identity", "type"));

        Assert.Equal(2859, counts["IAMUser"]);
        Assert.Equal(365, counts["AssumedRole"]);
        Assert.Equal(52, counts[None]);
        Assert.Equal(38, counts["Root"]);
        Assert.Equal(35, counts["AWSService"]);
        Assert.Equal(5, counts["AWSAccount"]);
        Assert.Equal(2, counts["FederatedUser"]);
        Assert.Equal(2, counts["Unknown"]);
        Assert.Equal(8, counts.Count);
    }

    [Fact]
    public void IdentityTypeCountsMatchRawRecords()
    {
        var mapped = Count(d => Text(d, "aws", "cloudtrail", "user_identity", "type"));

        var raw = CountRaw(r => Cleaned(r["userIdentity"]?["type"]) ?? None);

        Assert.Equal(raw.OrderBy(p => p.Key), mapped.OrderBy(p => p.Key));
    }

    [Fact]
    public void CategoryCountsArePinned()
    {
        var counts = Count(Category);

        Assert.Equal(2734, counts[None]);
        Assert.Equal(249, counts["iam"]);
        Assert.Equal(131, counts["network"]);
        Assert.Equal(115, counts["authentication"]);
        Assert.Equal(43, counts["host"]);
        Assert.Equal(35, counts["database"]);
        Assert.Equal(30, counts["file"]);
        Assert.Equal(12, counts["configuration"]);
        Assert.Equal(4, counts["process"]);
        Assert.Equal(4, counts["api"]);
        Assert.Equal(1, counts["session"]);
        Assert.Equal(11, counts.Count);
    }

    [Fact]
    public void CategoryCountsMatchRawRecords()
    {
        var mapped = Count(Category);

        var raw = CountRaw(r => CategoryActions.FirstOrDefault(p => p.Value.Contains(Cleaned(r["eventName"]))).Key ?? None);

        Assert.Equal(raw.OrderBy(p => p.Key), mapped.OrderBy(p => p.Key));
    }

    private static List<(JsonObject Record, JsonObject Document)> Load()
    {
        var root = SharedData.Require("data/cloudtrail");
        return CloudTrailReader.ExpandPaths([root])
            .SelectMany(new CloudTrailReader().ReadFile)
            .Where(item => item.Outcome == ReadOutcome.Record)
            .Select(item => (item.Record!, CloudTrailMapper.Map(item.Record!).Document.Root))
            .ToList();
    }

    private static Dictionary<string, int> Count(Func<JsonObject, string> key)
    {
        SharedData.Require("data/cloudtrail");
        return Corpus.Value.GroupBy(p => key(p.Document)).ToDictionary(g => g.Key, g => g.Count());
    }

    private static Dictionary<string, int> CountRaw(Func<JsonObject, string> key)
    {
        SharedData.Require("data/cloudtrail");
        return Corpus.Value.GroupBy(p => key(p.Record)).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>Failure when errorCode or errorMessage has a value; a ConsoleLogin takes its result in lower case.</summary>
    private static string RawOutcome(JsonObject record)
    {
        var consoleLogin = Cleaned(record["responseElements"]?["ConsoleLogin"]);
        if (Cleaned(record["eventName"]) == "ConsoleLogin" && consoleLogin is not null)
        {
            return consoleLogin.ToLowerInvariant();
        }

        return Cleaned(record["errorCode"]) is null && Cleaned(record["errorMessage"]) is null ? "success" : "failure";
    }

    /// <summary>Returns the value as text, or null where Elastic's pre-clean removes it (null, "", "-", "none").</summary>
    private static string? Cleaned(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node?.ToJsonString();
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        return text is "" or "-" or "none" ? null : text;
    }

    private static string Category(JsonObject document) => document["event"]?["category"] switch
    {
        JsonArray array => string.Join(",", array.Select(n => n!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => None,
    };

    private static string Text(JsonObject document, params string[] path)
    {
        JsonNode? node = document;
        foreach (var part in path)
        {
            node = node?[part];
        }

        return node?.GetValue<string>() ?? None;
    }
}
