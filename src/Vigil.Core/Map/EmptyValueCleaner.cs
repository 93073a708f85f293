using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// The two clean-up passes of Elastic's pipeline: before mapping it deletes <c>null</c>,
/// <c>""</c>, <c>"-"</c>, <c>"none"</c>, <c>{}</c> and <c>[]</c> everywhere; at the end it deletes
/// <c>null</c>, <c>""</c>, <c>{}</c> and <c>[]</c>. Children are cleaned first, so an object that
/// becomes empty is deleted too.
/// </summary>
internal static partial class EmptyValueCleaner
{
    /// <summary>
    /// Returns a cleaned copy of <paramref name="record"/> for mapping, with every object's keys in
    /// Java <c>HashMap</c> order of the original keys (see <see cref="JavaHashMapOrder"/>).
    /// </summary>
    public static JsonObject PreClean(JsonObject record) =>
        (ParsedJson.TryGetElement(record, out var parsed) ? CopyClean(parsed) : null) ?? CopyClean(record);

    /// <summary>Deletes <c>null</c>, <c>""</c>, <c>{}</c> and <c>[]</c> values from <paramref name="document"/>, in place.</summary>
    public static void FinalClean(JsonObject document) => CleanInPlace(document);

    private static JsonObject CopyClean(JsonObject obj)
    {
        var keys = new string[obj.Count];
        var index = 0;
        foreach (var property in obj)
        {
            keys[index++] = property.Key;
        }

        var clean = new JsonObject();
        foreach (var key in JavaHashMapOrder.Order(keys))
        {
            var child = CopyClean(obj[key]);
            if (!IsEmpty(child, placeholders: true))
            {
                clean[key] = child;
            }
        }

        return clean;
    }

    private static JsonNode? CopyClean(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                return CopyClean(obj);

            case JsonArray array:
                var clean = new JsonArray();
                foreach (var item in array)
                {
                    var child = CopyClean(item);
                    if (!IsEmpty(child, placeholders: true))
                    {
                        clean.Add(child);
                    }
                }

                return clean;

            default:
                return CopyScalar(node);
        }
    }

    /// <summary>
    /// Copies a scalar. Strings and booleans are created from their value, which is cheaper than
    /// cloning a parsed value (that copies its bytes into a new document). Numbers are cloned, so
    /// their original text (1.0, 1e400) survives for the Java rendering.
    /// </summary>
    private static JsonNode? CopyScalar(JsonNode? node) => node?.GetValueKind() switch
    {
        null => null,
        JsonValueKind.String => JsonValue.Create(node.GetValue<string>()),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        _ => node.DeepClone(),
    };

    private static void CleanInPlace(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            CleanObject(obj);
        }
        else if (node is JsonArray array)
        {
            CleanArray(array);
        }
    }

    private static void CleanObject(JsonObject obj)
    {
        List<string>? empty = null;
        for (var i = 0; i < obj.Count; i++)
        {
            var (key, child) = obj.GetAt(i);
            CleanInPlace(child);
            if (IsEmpty(child, placeholders: false))
            {
                (empty ??= []).Add(key);
            }
        }

        empty?.ForEach(key => obj.Remove(key));
    }

    private static void CleanArray(JsonArray array)
    {
        var hasEmpty = false;
        for (var i = 0; i < array.Count; i++)
        {
            CleanInPlace(array[i]);
            hasEmpty |= IsEmpty(array[i], placeholders: false);
        }

        if (hasEmpty)
        {
            var remaining = array.Where(item => !IsEmpty(item, placeholders: false)).ToList();
            array.Clear();
            remaining.ForEach(array.Add);
        }
    }

    private static bool IsEmpty(JsonNode? node, bool placeholders) => node switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => IsEmptyText(value.GetValue<string>(), placeholders),
        _ => false,
    };

    /// <summary>
    /// Returns whether the pre-clean deletes a parsed scalar: <c>null</c>, or a string that is empty,
    /// <c>-</c> or <c>none</c>. Objects and arrays are deleted only when cleaning empties them, which
    /// this does not judge, so they return false.
    /// </summary>
    public static bool PreCleanDeletes(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.String => value.ValueEquals("") || value.ValueEquals("-") || value.ValueEquals("none"),
        _ => false,
    };

    private static bool IsEmptyText(string text, bool placeholders) =>
        text.Length == 0 || (placeholders && text is "-" or "none");
}
