using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.EndToEnd;

/// <summary>
/// <c>vigil hunt</c> with a Kibana rule whose filters contain a terms query, over a CloudTrail file
/// the test writes: five IAM calls, of which two CreateUser and one DeleteUser pass the filter.
/// </summary>
public sealed class HuntTermsFilterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void TermsFilter_ExactAlertCount()
    {
        var (logs, rule) = WriteInputs("""{"terms":{"event.action":["CreateUser","DeleteUser"]}}""");

        var result = CliRunner.Run("hunt", logs, "--rules", rule, "--format", "ndjson");

        var alerts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, alerts.Count);
        Assert.Equal(["CreateUser", "CreateUser", "DeleteUser"], alerts.Select(Action).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Rule skipped", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void NegatedTermsFilter_ExactAlertCount()
    {
        var (logs, rule) = WriteInputs("""{"terms":{"event.action":["CreateUser","DeleteUser"]}}""", negate: true);

        var result = CliRunner.Run("hunt", logs, "--rules", rule, "--format", "ndjson");

        var alerts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["CreateAccessKey", "ListUsers"], alerts.Select(Action).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>Writes the CloudTrail file and a Kibana rule JSON whose one filter is <paramref name="query"/>.</summary>
    private (string Logs, string Rule) WriteInputs(string query, bool negate = false)
    {
        var logs = Path.Combine(_temp.Path, "111122223333_CloudTrail_us-east-1_20260302T1100Z_iam.json");
        var records = new JsonArray(
            Record(1, "CreateUser", "alice"),
            Record(2, "CreateUser", "bob"),
            Record(3, "DeleteUser", "alice"),
            Record(4, "CreateAccessKey", "carol"),
            Record(5, "ListUsers", "carol"));
        File.WriteAllText(logs, new JsonObject { ["Records"] = records }.ToJsonString());

        var rule = new JsonObject
        {
            ["id"] = "7a1d9c2e-3b4f-4e6a-8c0d-000000000101",
            ["rule_id"] = "d4e5f6a7-1b2c-4d3e-8f40-000000000101",
            ["name"] = "IAM user changes by terms filter",
            ["description"] = "Detects IAM user creation and deletion, chosen by a terms filter.",
            ["type"] = "query",
            ["language"] = "kuery",
            ["query"] = "event.provider:iam.amazonaws.com",
            ["index"] = new JsonArray("logs-aws.cloudtrail-*"),
            ["severity"] = "medium",
            ["risk_score"] = 47,
            ["filters"] = new JsonArray(new JsonObject
            {
                ["meta"] = new JsonObject { ["type"] = "custom", ["negate"] = negate, ["disabled"] = false, ["alias"] = null },
                ["query"] = JsonNode.Parse(query),
                ["$state"] = new JsonObject { ["store"] = "appState" },
            }),
            ["exceptions_list"] = new JsonArray(),
            ["enabled"] = true,
            ["version"] = 1,
        };
        var rulePath = Path.Combine(_temp.Path, "iam-user-changes.json");
        File.WriteAllText(rulePath, rule.ToJsonString());
        return (logs, rulePath);
    }

    private static JsonObject Record(int n, string action, string user) => new()
    {
        ["eventVersion"] = "1.09",
        ["userIdentity"] = new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = $"AIDAEXAMPLE010{n}",
            ["arn"] = $"arn:aws:iam::111122223333:user/{user}",
            ["accountId"] = "111122223333",
            ["userName"] = user,
        },
        ["eventTime"] = $"2026-03-02T11:0{n}:00Z",
        ["eventSource"] = "iam.amazonaws.com",
        ["eventName"] = action,
        ["awsRegion"] = "us-east-1",
        ["sourceIPAddress"] = "198.51.100.7",
        ["userAgent"] = "aws-cli/2.15.0",
        ["requestParameters"] = new JsonObject { ["userName"] = $"svc-{n}" },
        ["responseElements"] = null,
        ["requestID"] = $"3c9e1f0a-0000-4000-8000-00000000010{n}",
        ["eventID"] = $"8d2b4c6e-0000-4000-8000-00000000010{n}",
        ["readOnly"] = action == "ListUsers",
        ["eventType"] = "AwsApiCall",
        ["managementEvent"] = true,
        ["recipientAccountId"] = "111122223333",
        ["eventCategory"] = "Management",
    };

    private static string Action(JsonNode alert) => alert["event"]!["action"]!.GetValue<string>();
}
