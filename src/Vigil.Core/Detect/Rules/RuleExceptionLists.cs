using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules;

/// <summary>
/// A rule's <c>exceptions_list</c>: references to exception lists stored in Kibana, whose items
/// Kibana's detection engine adds to the search as a negated filter. Vigil cannot read those lists.
/// </summary>
internal static class RuleExceptionLists
{
    /// <summary>The rule field, as Kibana's API and detection-rules TOML name it.</summary>
    public const string Field = "exceptions_list";

    /// <summary>How to apply an exception without Kibana.</summary>
    public const string Fix = "to apply an exception, add its conditions to the rule's query as `and not (...)`";

    /// <summary>
    /// Returns the warning for a rule that references exception lists, with <see cref="Fix"/>, or
    /// null when it references none.
    /// </summary>
    public static string? Warning(DetectionRule rule) => Problem(rule) is { } problem ? $"{problem}. {char.ToUpperInvariant(Fix[0])}{Fix[1..]}" : null;

    /// <summary>
    /// Returns what a rule's exception lists mean for Vigil, or null when it references none: Vigil
    /// runs the rule without them, so its alerts may include events they would remove.
    /// </summary>
    public static string? Problem(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        if (!rule.OtherFields.TryGetValue(Field, out var node) || node is not JsonArray { Count: > 0 } lists)
        {
            return null;
        }

        var names = lists.Select(Name).ToList();
        var count = lists.Count == 1 ? "an exception list" : $"{lists.Count} exception lists";
        return $"exceptions_list references {count} ({string.Join(", ", names)}) that Vigil cannot read, because Kibana stores them; "
            + "the rule runs without them, so its alerts may include events the exceptions would remove";
    }

    /// <summary>Names a list reference by its <c>list_id</c>, else its <c>id</c>.</summary>
    private static string Name(JsonNode? reference)
    {
        static string? Text(JsonNode? node) =>
            node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

        return Text(reference?["list_id"]) ?? Text(reference?["id"]) ?? reference?.ToJsonString() ?? "null";
    }
}
