using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Alert;

/// <summary>Applies a rule's <c>risk_score_mapping</c> to one alert, as Kibana's <c>buildRiskScoreFromMapping</c> does.</summary>
/// <remarks>
/// Facts from Kibana's detection engine (elastic/kibana, <c>buildRiskScoreFromMapping</c>, called by
/// <c>transformHitToAlert</c>) that this relies on: only the first entry's field is read, from <c>_source</c> with lodash's
/// <c>get</c>. Each of its values (an array's elements) that is a number, or a string that
/// JavaScript's <c>Number()</c> converts, and is finite and from 0 to 100 counts; the largest
/// counted value is the risk score, fractions kept. Without one, the rule's risk score applies.
/// </remarks>
internal static class RiskScoreOverride
{
    /// <summary>Returns the mapped risk score of <paramref name="source"/>, or null when the rule's own applies.</summary>
    public static double? Apply(DetectionRule rule, JsonObject source)
    {
        if (RuleMappings.RiskScoreField(rule) is not { } field)
        {
            return null;
        }

        var eventValue = SourceField.Get(source, field);
        var values = eventValue is JsonArray array ? array.ToArray() : [eventValue];
        double? max = null;
        foreach (var value in values)
        {
            if (Score(value) is { } score && (max is null || score > max))
            {
                max = score;
            }
        }

        return max;
    }

    private static double? Score(JsonNode? value)
    {
        double? number = value is JsonValue scalar
            ? scalar.GetValueKind() switch
            {
                JsonValueKind.Number => JavaScriptValues.NumberOf(scalar),
                JsonValueKind.String => JavaScriptValues.ParseNumber(scalar.GetValue<string>()),
                _ => null,
            }
            : null;
        return number is { } n && double.IsFinite(n) && n is >= 0 and <= 100 ? n : null;
    }
}
