using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>Input files for the serve tests and the expectations counted from them independently of Vigil.</summary>
internal static class ServeInputs
{
    /// <summary>Copies every file under <paramref name="source"/> into <paramref name="target"/>, keeping the layout.</summary>
    public static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>
    /// A role-chaining AssumeRole record, and two near misses the rule must not alert on: a failed
    /// call, and a call by an IAM user instead of a role session.
    /// </summary>
    public static IEnumerable<JsonObject> RoleChainingWithNearMisses(int index, string eventTime)
    {
        yield return RoleChaining.Record(index, eventTime);

        var failed = RoleChaining.Record(index + 1_000_000, eventTime);
        failed["errorCode"] = "AccessDenied";
        failed["errorMessage"] = "not authorized to perform sts:AssumeRole";
        yield return failed;

        var byUser = RoleChaining.Record(index + 2_000_000, eventTime);
        byUser["userIdentity"] = new JsonObject
        {
            ["type"] = "IAMUser",
            ["arn"] = "arn:aws:iam::123837392027:user/alice",
            ["accountId"] = "123837392027",
            ["userName"] = "alice",
        };
        yield return byUser;
    }

    /// <summary>A small record of another service, the bulk of a real trail.</summary>
    public static JsonObject Noise(int index, string eventTime) => new()
    {
        ["eventVersion"] = "1.08",
        ["userIdentity"] = new JsonObject
        {
            ["type"] = "IAMUser",
            ["arn"] = "arn:aws:iam::123837392027:user/reader",
            ["accountId"] = "123837392027",
            ["userName"] = "reader",
        },
        ["eventTime"] = eventTime,
        ["eventSource"] = "s3.amazonaws.com",
        ["eventName"] = "GetObject",
        ["awsRegion"] = "us-east-1",
        ["sourceIPAddress"] = "192.0.2.10",
        ["requestID"] = $"NOISE{index:D12}",
        ["eventID"] = $"00000000-0000-4000-a000-{index:D12}",
        ["eventType"] = "AwsApiCall",
        ["recipientAccountId"] = "123837392027",
    };

    public static void WriteNdjson(string path, IEnumerable<JsonObject> records)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, records.Select(r => r.ToJsonString()));
    }

    /// <summary>The eventIDs of the role-chaining records under <paramref name="folder"/>, each once.</summary>
    public static HashSet<string> ExpectedAlertEventIds(string folder) =>
    [
        .. RawRecords.Distinct(RawRecords.FromPaths(folder))
            .Where(RoleChaining.IsRoleSessionAssumeRole)
            .Select(r => RawRecords.Text(r, "eventID")!),
    ];

    /// <summary>The <c>event.id</c> of an alert document, which is its source record's eventID.</summary>
    public static string? SourceEventId(JsonObject alert) =>
        FieldPath.Values(alert, "event.id").FirstOrDefault()?.ToString();
}
