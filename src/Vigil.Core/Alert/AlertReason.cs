using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>
/// Builds <c>kibana.alert.reason</c> with the template of Kibana's <c>buildReasonMessageUtil</c>,
/// which every rule type shares.
/// </summary>
/// <remarks>
/// Template: <c>[category ]event[ with][ process P,][ parent process PP,][ file F,][ source S][:SP,]
/// [ destination D][:DP,][ by U][ on H] created SEVERITY alert NAME.</c> "with" appears when any of
/// process, parent process, file, source or destination shows.
/// </remarks>
internal static class AlertReason
{
    public static string Build(JsonObject source, string ruleName, string severity)
    {
        var category = TemplateValue(source, "event.category");
        var process = TemplateValue(source, "process.name");
        var parentProcess = TemplateValue(source, "process.parent.name");
        var file = TemplateValue(source, "file.name");
        var sourceIp = TemplateValue(source, "source.ip");
        var sourcePort = TemplateValue(source, "source.port");
        var destinationIp = TemplateValue(source, "destination.ip");
        var destinationPort = TemplateValue(source, "destination.port");
        var user = TemplateValue(source, "user.name");
        var host = TemplateValue(source, "host.name");
        var hasFieldOfInterest = new[] { process, parentProcess, file, sourceIp, sourcePort, destinationIp, destinationPort }
            .Any(value => value is not null);

        var reason = new StringBuilder();
        AppendIf(reason, category, "", " ");
        reason.Append("event");
        reason.Append(hasFieldOfInterest ? " with" : "");
        AppendIf(reason, process, " process ", ",");
        AppendIf(reason, parentProcess, " parent process ", ",");
        AppendIf(reason, file, " file ", ",");
        AppendIf(reason, sourceIp, " source ", "");
        AppendIf(reason, sourcePort, ":", ",");
        AppendIf(reason, destinationIp, " destination ", "");
        AppendIf(reason, destinationPort, ":", ",");
        AppendIf(reason, user, " by ", "");
        AppendIf(reason, host, " on ", "");
        reason.Append(" created ").Append(severity).Append(" alert ").Append(ruleName).Append('.');

        return reason.ToString();
    }

    /// <summary>
    /// Returns the text Kibana puts in the template for a field, or null when it leaves the part
    /// out. Kibana tests <c>value.length</c>, so only non-empty strings and arrays show; numbers,
    /// booleans and objects never do. A lone <c>-</c> counts as absent, and arrays join with ", ".
    /// </summary>
    private static string? TemplateValue(JsonObject source, string field) =>
        SourceField.Get(source, field) switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String =>
                value.GetValue<string>() is var text && text.Length > 0 && text != "-" ? text : null,
            JsonArray array when array.Count > 0 && !IsLoneDash(array) =>
                string.Join(", ", array.Select(JavaScriptString)),
            _ => null,
        };

    private static bool IsLoneDash(JsonArray array) =>
        array.Count == 1 && array[0] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == "-";

    /// <summary>Converts an array element to text the way JavaScript's <c>Array.join</c> does.</summary>
    private static string JavaScriptString(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join(",", array.Select(JavaScriptString)),
        JsonObject => "[object Object]",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static void AppendIf(StringBuilder reason, string? value, string before, string after)
    {
        if (value is not null)
        {
            reason.Append(before).Append(value).Append(after);
        }
    }
}
