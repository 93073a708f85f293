using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Alert;

/// <summary>
/// Copies the source event's <c>event.*</c> fields under <c>kibana.alert.original_event</c> and
/// drops <c>event.kind</c>, as Kibana does when it builds an alert.
/// </summary>
internal static class OriginalEvent
{
    public const string EventField = "event";
    public const string KindField = "kind";
    private const string Prefix = "kibana.alert.original_event";

    /// <summary>
    /// Returns a copy of <paramref name="source"/> without <c>event.kind</c>, whether nested or a
    /// dotted key, because the alert writes <c>event.kind: signal</c> as a dotted key.
    /// </summary>
    /// <remarks>
    /// The copy reads the document's JSON and builds the nodes of a member only when something reads
    /// or changes it, so an alert that is only written out never copies the event node by node.
    /// </remarks>
    public static JsonObject CopyWithoutKind(EcsDocument source)
    {
        var copy = JsonObject.Create(source.JsonRoot())!;
        copy.Remove($"{EventField}.{KindField}");
        if (copy[EventField] is JsonObject eventObject)
        {
            eventObject.Remove(KindField);
        }

        return copy;
    }

    /// <summary>
    /// Adds the source's <c>event</c> object, flattened to dotted keys under
    /// <c>kibana.alert.original_event</c> as Kibana's <c>flattenWithPrefix</c> does (arrays stay
    /// values). Top-level dotted <c>event.*</c> keys are added too, which Kibana skips.
    /// </summary>
    public static void AddFlattened(AlertFieldTarget alert, JsonObject source)
    {
        if (source[EventField] is { } eventNode)
        {
            Flatten(alert, Prefix, eventNode);
        }

        foreach (var (key, value) in source)
        {
            if (key.StartsWith(EventField + ".", StringComparison.Ordinal))
            {
                Flatten(alert, string.Concat(Prefix, key.AsSpan(EventField.Length)), value);
            }
        }
    }

    private static void Flatten(AlertFieldTarget alert, string prefix, JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            alert.Copy(prefix, node);
            return;
        }

        foreach (var (key, value) in obj)
        {
            Flatten(alert, $"{prefix}.{key}", value);
        }
    }
}
