using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Sets <c>event.kind</c>, <c>event.type</c>, <c>event.outcome</c> and <c>event.category</c> as the
/// categorization script of Elastic's CloudTrail pipeline does.
/// </summary>
/// <remarks>
/// The outcome is <c>failure</c> when there is an error code or an error message (after the
/// pre-clean), else <c>success</c>; a <c>ConsoleLogin</c> takes it from
/// <c>responseElements.ConsoleLogin</c>. Only the actions in the table get a category; the others
/// keep <c>event.type: [info]</c> and have no <c>event.category</c>.
/// </remarks>
internal static class Categorization
{
    private static readonly FrozenDictionary<string, (string Category, string[] Types)> Table =
        new Dictionary<string, (string Category, string[] Types)>(StringComparer.Ordinal)
    {
        ["AddUserToGroup"] = ("iam", ["group", "change"]),
        ["AssumeRole"] = ("authentication", ["info"]),
        ["AttachGroupPolicy"] = ("iam", ["group", "change"]),
        ["AttachUserPolicy"] = ("iam", ["user", "change"]),
        ["ChangePassword"] = ("iam", ["user", "change"]),
        ["ConsoleLogin"] = ("authentication", ["info"]),
        ["CreateAccessKey"] = ("iam", ["user", "change"]),
        ["CreateBucket"] = ("file", ["creation"]),
        ["CreateGroup"] = ("iam", ["group", "creation"]),
        ["CreateKeyPair"] = ("iam", ["admin", "creation"]),
        ["CreateUser"] = ("iam", ["user", "creation"]),
        ["CreateVirtualMFADevice"] = ("iam", ["user", "change"]),
        ["DeactivateMFADevice"] = ("iam", ["user", "change"]),
        ["DeleteAccessKey"] = ("iam", ["user", "change"]),
        ["DeleteBucket"] = ("file", ["deletion"]),
        ["DeleteGroup"] = ("iam", ["group", "deletion"]),
        ["DeleteGroupPolicy"] = ("iam", ["group", "change"]),
        ["DeleteSSHPublicKey"] = ("iam", ["user", "change"]),
        ["DeleteUser"] = ("iam", ["user", "deletion"]),
        ["DeleteUserPermissionsBoundary"] = ("iam", ["user", "change"]),
        ["DeleteUserPolicy"] = ("iam", ["user", "change"]),
        ["DeleteVirtualMFADevice"] = ("iam", ["user", "change"]),
        ["DetachGroupPolicy"] = ("iam", ["group", "change"]),
        ["DetachUserPolicy"] = ("iam", ["user", "change"]),
        ["EnableMFADevice"] = ("iam", ["user", "change"]),
        ["GetGroup"] = ("iam", ["group", "info"]),
        ["GetGroupPolicy"] = ("iam", ["group", "info"]),
        ["GetUser"] = ("iam", ["user", "info"]),
        ["GetUserPolicy"] = ("iam", ["user", "info"]),
        ["ListAttachedGroupPolicies"] = ("iam", ["group", "info"]),
        ["ListAttachedUserPolicies"] = ("iam", ["user", "info"]),
        ["ListGroupPolicies"] = ("iam", ["group", "info"]),
        ["ListGroups"] = ("iam", ["group", "info"]),
        ["ListGroupsForUser"] = ("iam", ["user", "info"]),
        ["ListUserPolicies"] = ("iam", ["user", "info"]),
        ["ListUsers"] = ("iam", ["user", "info"]),
        ["ListUserTags"] = ("iam", ["user", "info"]),
        ["PutGroupPolicy"] = ("iam", ["group", "change"]),
        ["PutUserPermissionsBoundary"] = ("iam", ["user", "change"]),
        ["PutUserPolicy"] = ("iam", ["user", "change"]),
        ["RemoveUserFromGroup"] = ("iam", ["group", "change"]),
        ["SetDefaultPolicyVersion"] = ("iam", ["admin", "change"]),
        ["SetSecurityTokenServicePreferences"] = ("iam", ["admin", "change"]),
        ["TagUser"] = ("iam", ["user", "change"]),
        ["UntagUser"] = ("iam", ["user", "change"]),
        ["UpdateAccessKey"] = ("iam", ["user", "change"]),
        ["UpdateAccountPasswordPolicy"] = ("iam", ["admin", "change"]),
        ["UpdateGroup"] = ("iam", ["group", "change"]),
        ["UpdateLoginProfile"] = ("iam", ["user", "change"]),
        ["UpdateRole"] = ("iam", ["admin", "change"]),
        ["UpdateSSHPublicKey"] = ("iam", ["user", "change"]),
        ["UpdateUser"] = ("iam", ["user", "change"]),
        ["GetCallerIdentity"] = ("authentication", ["info"]),
        ["DescribeInstances"] = ("host", ["info"]),
        ["DescribeSecurityGroups"] = ("network", ["info"]),
        ["ListBuckets"] = ("file", ["info"]),
        ["DescribeNetworkInterfaces"] = ("network", ["info"]),
        ["DescribeRegions"] = ("api", ["info"]),
        ["ListRoles"] = ("iam", ["info"]),
        ["DescribeVpcs"] = ("network", ["info"]),
        ["DescribeNetworkAcls"] = ("network", ["info"]),
        ["DescribeLoadBalancers"] = ("network", ["info"]),
        ["DescribeVolumes"] = ("host", ["info"]),
        ["DescribeTrails"] = ("configuration", ["info"]),
        ["ListFunctions"] = ("package", ["info"]),
        ["ListTables"] = ("database", ["info"]),
        ["ListInstanceAssociations"] = ("host", ["info"]),
        ["DescribeDBInstances"] = ("database", ["info"]),
        ["AuthorizeSecurityGroupIngress"] = ("network", ["access"]),
        ["CreateTopic"] = ("configuration", ["creation"]),
        ["Subscribe"] = ("configuration", ["change"]),
        ["Publish"] = ("api", ["info"]),
        ["SendCommand"] = ("process", ["start"]),
        ["GetPolicy"] = ("iam", ["info"]),
        ["CreatePolicy"] = ("iam", ["creation"]),
        ["ListAttachedRolePolicies"] = ("iam", ["info"]),
        ["AttachRolePolicy"] = ("iam", ["change"]),
        ["Converse"] = ("api", ["info"]),
        ["CreateDocument"] = ("file", ["creation"]),
        ["StartSession"] = ("session", ["start"]),
        ["CreateControlChannel"] = ("session", ["start"]),
        ["OpenControlChannel"] = ("session", ["start"]),
        ["CreateDataChannel"] = ("session", ["start"]),
        ["OpenDataChannel"] = ("session", ["start"]),
        ["TerminateSession"] = ("session", ["end"]),
        ["ListObjects"] = ("file", ["info"]),
        ["HeadObject"] = ("file", ["info"]),
        ["GetObject"] = ("file", ["info"]),
        ["PutObject"] = ("file", ["change"]),
        ["DeleteTrail"] = ("configuration", ["deletion"]),
        ["DeleteObject"] = ("file", ["deletion"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Apply(MappingContext context)
    {
        context.Set("event.kind", "event");
        context.Set("event.type", new JsonArray("info"));
        var failed = context.Has("aws.cloudtrail.error_code") || context.Has("aws.cloudtrail.error_message");
        context.Set("event.outcome", failed ? "failure" : "success");

        if (context.GetString("event.action") is not { } action)
        {
            return;
        }

        if (action == "ConsoleLogin" && JsonPaths.Get(context.Json, "responseElements.ConsoleLogin") is { } login && !TrySetLoginOutcome(context, login))
        {
            return;
        }

        if (Table.TryGetValue(action, out var entry))
        {
            context.Set("event.category", new JsonArray(entry.Category));
            context.Set("event.type", new JsonArray(entry.Types.Select(type => (JsonNode?)type).ToArray()));
        }
    }

    private static bool TrySetLoginOutcome(MappingContext context, JsonNode login)
    {
        if (login is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            context.Set("event.outcome", value.GetValue<string>().ToLowerInvariant());
            return true;
        }

        context.AddError("script", "script_add_ecs_categorization", $"cannot lowercase responseElements.ConsoleLogin of type {login.GetValueKind()}, expected a string");
        return false;
    }
}
