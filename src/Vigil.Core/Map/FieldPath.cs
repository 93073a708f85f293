using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Reads values out of a JSON document by dotted field path, as Elasticsearch expands <c>_source</c>.
/// </summary>
internal static class FieldPath
{
    /// <summary>
    /// Returns the values at <paramref name="field"/>. <c>{"a.b":1}</c> and <c>{"a":{"b":1}}</c> both
    /// feed <c>a.b</c> (and add up when a document has both); arrays, including arrays of arrays,
    /// flatten into several values; <c>null</c> entries are skipped. A value may itself be an object
    /// when the path names an object field.
    /// </summary>
    public static IEnumerable<JsonNode> Values(JsonNode? root, string field)
    {
        ArgumentNullException.ThrowIfNull(field);

        var segments = field.Split('.');
        var found = new List<JsonNode>();
        Collect(root, segments, 0, found);
        return found;
    }

    private static void Collect(JsonNode? node, string[] segments, int start, List<JsonNode> found)
    {
        switch (node)
        {
            case null:
                return;

            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, segments, start, found);
                }

                return;

            case JsonObject obj when start < segments.Length:
                CollectFromObject(obj, segments, start, found);
                return;

            default:
                if (start == segments.Length)
                {
                    found.Add(node);
                }

                return;
        }
    }

    private static void CollectFromObject(JsonObject obj, string[] segments, int start, List<JsonNode> found)
    {
        // Try "a", then "a.b", then "a.b.c" as keys, because a document may spell a path either way.
        var key = segments[start];
        for (var end = start + 1; end <= segments.Length; end++)
        {
            if (end > start + 1)
            {
                key = string.Concat(key, ".", segments[end - 1]);
            }

            if (obj.TryGetPropertyValue(key, out var child))
            {
                Collect(child, segments, end, found);
            }
        }
    }
}
