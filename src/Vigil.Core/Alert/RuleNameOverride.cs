using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Alert;

/// <summary>Applies a rule's <c>rule_name_override</c> to one alert.</summary>
internal static class RuleNameOverride
{
    /// <summary>
    /// Returns the string value of the override field in <paramref name="source"/>, or the rule name
    /// when the rule has no override or the field is not a string (Kibana's <c>buildRuleNameFromMapping</c>).
    /// </summary>
    public static string Apply(DetectionRule rule, JsonObject source)
    {
        if (rule.RuleNameOverride is null
            || SourceField.Get(source, rule.RuleNameOverride) is not JsonValue value
            || value.GetValueKind() != JsonValueKind.String)
        {
            return rule.Name;
        }

        return value.GetValue<string>();
    }
}
