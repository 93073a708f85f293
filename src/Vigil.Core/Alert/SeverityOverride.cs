using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Alert;

/// <summary>Applies a rule's <c>severity_mapping</c> to one alert, as Kibana's <c>buildSeverityFromMapping</c> does.</summary>
/// <remarks>
/// Facts from Kibana's detection engine (elastic/kibana, <c>buildSeverityFromMapping</c>, called by
/// <c>transformHitToAlert</c>) that this relies on: the entries are sorted from low to critical,
/// stably, and the last entry whose value the event's field contains wins, so the highest matching
/// severity applies, even one below the rule's own. The field is read
/// from <c>_source</c> with lodash's <c>get</c>; each of its values (an array's elements) that is
/// a string, or a number that is a safe integer, is compared as text with the entry's value.
/// <c>event.severity</c>, a long in ECS, is compared as a number instead: its safe-integer values
/// with the entry's value converted by <c>Math.floor(Number(value))</c>.
/// </remarks>
internal static class SeverityOverride
{
    private const string EcsSeverityField = "event.severity";

    private static readonly string[] Order = ["low", "medium", "high", "critical"];

    /// <summary>Returns the rank of <paramref name="severity"/> from 0 for low to 3 for critical, or -1 for another value.</summary>
    public static int Rank(string severity) => Array.IndexOf(Order, severity);

    /// <summary>Returns the alert's severity: the highest severity whose entry matches, or the rule's severity.</summary>
    public static string Apply(DetectionRule rule, JsonObject source)
    {
        var mapping = RuleMappings.SeverityMapping(rule);
        if (mapping.Count == 0)
        {
            return rule.Severity;
        }

        SeverityMappingEntry? match = null;
        foreach (var entry in mapping.OrderBy(entry => Array.IndexOf(Order, entry.Severity)))
        {
            if (Holds(SourceField.Get(source, entry.Field), entry))
            {
                match = entry;
            }
        }

        return match?.Severity ?? rule.Severity;
    }

    private static bool Holds(JsonNode? eventValue, SeverityMappingEntry entry)
    {
        var values = eventValue is JsonArray array ? array.ToArray() : [eventValue];
        if (entry.Field == EcsSeverityField)
        {
            var expected = Math.Floor(JavaScriptValues.ParseNumber(entry.Value));
            return values.Any(value => SafeInteger(value) is { } number && number == expected);
        }

        return values.Any(value => Text(value) == entry.Value);
    }

    /// <summary>Returns JavaScript's <c>String(value)</c> of a string or safe-integer value, or null for any other value.</summary>
    private static string? Text(JsonNode? value) => value switch
    {
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
        _ => SafeInteger(value) is { } number ? JavaScriptValues.NumberText(number) : null,
    };

    private static double? SafeInteger(JsonNode? value) =>
        value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
        && JavaScriptValues.NumberOf(number) is var parsed && JavaScriptValues.IsSafeInteger(parsed)
            ? parsed
            : null;
}
