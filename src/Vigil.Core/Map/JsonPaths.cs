using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>Dotted-path access to nested JSON objects, as ingest processors address fields.</summary>
internal static class JsonPaths
{
    // Segments of paths met before, per thread and by string identity: paths are mostly the
    // pipeline's own literals, and comparing references costs less than hashing their text.
    private const int MaxCachedPaths = 1024;

    [ThreadStatic]
    private static Dictionary<string, string[]>? t_segments;

    /// <summary>Returns the node at <paramref name="path"/>, or <c>null</c> when a step is missing or not an object.</summary>
    public static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in Segments(path))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Returns the string at <paramref name="path"/>, or <c>null</c> when it is missing or not a string.</summary>
    public static string? GetString(JsonObject root, string path) =>
        Get(root, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Removes the node at <paramref name="path"/> and returns it detached, or <c>null</c>.</summary>
    public static JsonNode? Take(JsonObject root, string path)
    {
        var segments = Segments(path);
        var parent = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!parent.TryGetPropertyValue(segments[i], out var child) || child is not JsonObject obj)
            {
                return null;
            }

            parent = obj;
        }

        // One lookup finds the member, and removing it by position does not look it up again.
        var index = parent.IndexOf(segments[^1]);
        if (index < 0)
        {
            return null;
        }

        var node = parent.GetAt(index).Value;
        parent.RemoveAt(index);
        return node;
    }

    /// <summary>Sets <paramref name="path"/>, creating intermediate objects and replacing non-objects in the way.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var segments = Segments(path);
        var obj = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!obj.TryGetPropertyValue(segments[i], out var node) || node is not JsonObject child)
            {
                child = new JsonObject();
                obj[segments[i]] = child;
            }

            obj = child;
        }

        obj[segments[^1]] = value;
    }

    private static string[] Segments(string path)
    {
        var cache = t_segments ??= new Dictionary<string, string[]>(ReferenceEqualityComparer.Instance);
        if (!cache.TryGetValue(path, out var segments))
        {
            segments = path.Split('.');
            if (cache.Count < MaxCachedPaths)
            {
                cache[path] = segments;
            }
        }

        return segments;
    }

    /// <summary>Returns the text a Mustache template <c>{{{path}}}</c> renders for a value.</summary>
    public static string Render(JsonNode? node) => node is null ? "" : JavaText.Render(node);
}
