using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>Dotted-path access to nested JSON objects, as ingest processors address fields.</summary>
internal static class JsonPaths
{
    // Segments of paths met before, found by string identity in a table indexed by a few of the
    // path's characters. Paths are mostly the pipeline's own literals, so the table contains them
    // all, and a lookup neither hashes the whole text nor calls a comparer. A path whose slots
    // other paths hold is split again, so a miss costs an allocation, never a wrong result.
    private const int SlotBits = 12;
    private const int SlotCount = 1 << SlotBits;

    private static readonly SplitPath?[] Slots = new SplitPath?[SlotCount];

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
        // Each path may sit in either slot of its pair, so two paths that meet in one slot both stay.
        var first = SlotOf(path);
        if (Slots[first] is { } known && ReferenceEquals(known.Path, path))
        {
            return known.Segments;
        }

        var second = first ^ 1;
        if (Slots[second] is { } other && ReferenceEquals(other.Path, path))
        {
            return other.Segments;
        }

        // Segments share their instances with the keys of every document, so lookups by them
        // compare references (see SharedKeys).
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = SharedKeys.Get(segments[i]);
        }

        Slots[Slots[first] is null ? first : second] = new SplitPath(path, segments);
        return segments;
    }

    private static int SlotOf(string path)
    {
        var length = path.Length;
        if (length == 0)
        {
            return 0;
        }

        // Five characters spread over the path, and its length, tell the pipeline's paths apart well
        // enough that few share a pair of slots. One multiplication spreads them over the table.
        var mix = (uint)length
            ^ ((uint)path[0] << 5)
            ^ ((uint)path[length - 1] << 10)
            ^ ((uint)path[length >> 1] << 15)
            ^ ((uint)path[length >> 2] << 20)
            ^ ((uint)path[(3 * length) >> 2] << 25);
        return (int)((mix * 0x9E3779B1u) >> (32 - SlotBits));
    }

    /// <summary>A path and its segments, replaced as a whole so that threads never see half of one.</summary>
    private sealed record SplitPath(string Path, string[] Segments);

    /// <summary>Returns the text a Mustache template <c>{{{path}}}</c> renders for a value.</summary>
    public static string Render(JsonNode? node) => node is null ? "" : JavaText.Render(node);
}
