using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>
/// Reads a field of an event's <c>_source</c> the way lodash's <c>get</c> does in Kibana: a
/// top-level key spelled exactly as the dotted path wins; otherwise the path walks nested objects.
/// </summary>
internal static class SourceField
{
    // Paths are the reason template's fields and rules' name overrides, read alert after alert, so
    // each is split once. Rule files are the only source of new paths, so the cache stays small.
    private const int MaxCachedPaths = 1024;

    private static readonly ConcurrentDictionary<string, string[]> Segments = new(StringComparer.Ordinal);

    public static JsonNode? Get(JsonObject source, string path)
    {
        if (source.TryGetPropertyValue(path, out var literal))
        {
            return literal;
        }

        JsonNode? node = source;
        foreach (var segment in SegmentsOf(path))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static string[] SegmentsOf(string path)
    {
        if (Segments.TryGetValue(path, out var segments))
        {
            return segments;
        }

        segments = path.Split('.');
        if (Segments.Count < MaxCachedPaths)
        {
            Segments.TryAdd(path, segments);
        }

        return segments;
    }
}
