using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Output;

/// <summary>The columns a person scans first in an alert list. Values are raw and must be escaped for display.</summary>
public sealed record AlertRow(string Time, string Rule, string Severity, string User, string Source, string Action)
{
    /// <summary>Reads the row's columns from an alert document.</summary>
    public static AlertRow From(JsonObject alert)
    {
        ArgumentNullException.ThrowIfNull(alert);

        return new AlertRow(
            Time: First(alert, "kibana.alert.original_time") ?? "",
            Rule: First(alert, "kibana.alert.rule.name") ?? "",
            Severity: First(alert, "kibana.alert.severity") ?? First(alert, "kibana.alert.rule.severity") ?? "",
            User: First(alert, "user.name") ?? First(alert, "aws.cloudtrail.user_identity.arn") ?? "",
            Source: First(alert, "source.address") ?? "",
            Action: First(alert, "event.action") ?? "");
    }

    private static string? First(JsonObject alert, string field)
    {
        foreach (var value in FieldPath.Values(alert, field))
        {
            return value is JsonValue scalar ? scalar.ToString() : value.ToJsonString();
        }

        return null;
    }
}
