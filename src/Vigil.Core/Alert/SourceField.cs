using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>
/// Reads a field of an event's <c>_source</c> the way lodash's <c>get</c> does in Kibana: a
/// top-level key spelled exactly as the dotted path wins; otherwise the path walks nested objects.
/// </summary>
internal static class SourceField
{
    public static JsonNode? Get(JsonObject source, string path)
    {
        if (source.TryGetPropertyValue(path, out var literal))
        {
            return literal;
        }

        JsonNode? node = source;
        foreach (var segment in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                return null;
            }
        }

        return node;
    }
}
