using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>
/// The behaviour the built-in AssumeRole rule detects, stated on raw CloudTrail: a successful STS
/// AssumeRole call whose caller is itself a role session (role chaining).
/// </summary>
internal static class RoleChaining
{
    public static bool IsRoleSessionAssumeRole(JsonObject record) =>
        RawRecords.Text(record, "eventSource") == "sts.amazonaws.com"
        && RawRecords.Text(record, "eventName") == "AssumeRole"
        && RawRecords.Text(record, "userIdentity.sessionContext.sessionIssuer.type") == "Role"
        && string.IsNullOrEmpty(RawRecords.Text(record, "errorCode"))
        && string.IsNullOrEmpty(RawRecords.Text(record, "errorMessage"));

    public static int CountExpected(params string[] paths) =>
        RawRecords.Distinct(RawRecords.FromPaths(paths)).Count(IsRoleSessionAssumeRole);

    /// <summary>Builds a role-chaining AssumeRole record from role <paramref name="index"/> to the next one.</summary>
    public static JsonObject Record(int index, string eventTime)
    {
        var source = $"pipeline-role-{index}";
        var target = $"pipeline-role-{index + 1}";
        return new JsonObject
        {
            ["eventVersion"] = "1.08",
            ["userIdentity"] = new JsonObject
            {
                ["type"] = "AssumedRole",
                ["principalId"] = $"AROAEXAMPLECHAIN{index:D4}:hop-{index}",
                ["arn"] = $"arn:aws:sts::123837392027:assumed-role/{source}/hop-{index}",
                ["accountId"] = "123837392027",
                ["accessKeyId"] = $"ASIAEXAMPLECHAIN{index:D4}",
                ["sessionContext"] = new JsonObject
                {
                    ["sessionIssuer"] = new JsonObject
                    {
                        ["type"] = "Role",
                        ["principalId"] = $"AROAEXAMPLECHAIN{index:D4}",
                        ["arn"] = $"arn:aws:iam::123837392027:role/{source}",
                        ["accountId"] = "123837392027",
                        ["userName"] = source,
                    },
                    ["attributes"] = new JsonObject { ["creationDate"] = eventTime, ["mfaAuthenticated"] = "false" },
                },
            },
            ["eventTime"] = eventTime,
            ["eventSource"] = "sts.amazonaws.com",
            ["eventName"] = "AssumeRole",
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = $"198.51.100.{index % 250}",
            ["userAgent"] = "Boto3/1.35.80 md/Botocore#1.35.80",
            ["requestParameters"] = new JsonObject
            {
                ["roleArn"] = $"arn:aws:iam::123837392027:role/{target}",
                ["roleSessionName"] = $"hop-{index + 1}",
            },
            ["responseElements"] = new JsonObject
            {
                ["credentials"] = new JsonObject { ["accessKeyId"] = $"ASIAEXAMPLENEXT{index:D4}", ["expiration"] = "Jul 10, 2023, 1:00:00 PM" },
            },
            ["requestID"] = $"00000000-0000-4000-9000-{index:D12}",
            ["eventID"] = $"00000000-0000-4000-8000-{index:D12}",
            ["readOnly"] = true,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = "123837392027",
            ["eventCategory"] = "Management",
        };
    }
}
