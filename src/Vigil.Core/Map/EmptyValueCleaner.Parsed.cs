using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Map;

/// <summary>The pre-clean copy read straight from a record's parsed JSON (see <see cref="ParsedJson"/>).</summary>
internal static partial class EmptyValueCleaner
{
    /// <summary>
    /// Copies <paramref name="obj"/> as <see cref="CopyClean(JsonObject)"/> would copy its nodes, or
    /// returns null when an object repeats a key, which the node copy rejects.
    /// </summary>
    private static JsonObject? CopyClean(JsonElement obj)
    {
        var keys = new string[obj.GetPropertyCount()];
        var values = new JsonElement[keys.Length];
        var count = 0;
        foreach (var property in obj.EnumerateObject())
        {
            keys[count] = Name(property);
            values[count++] = property.Value;
        }

        var positions = KeyOrders.Positions(keys, out var repeated);
        if (repeated)
        {
            return null;
        }

        var clean = new KeyValuePair<string, JsonNode?>[keys.Length];
        var kept = 0;
        foreach (var position in positions)
        {
            if (!TryCopyClean(values[position], out var child))
            {
                return null;
            }

            if (!IsEmpty(child, placeholders: true))
            {
                clean[kept++] = new(keys[position], child);
            }
        }

        // The constructor sizes the object's dictionary from the collection's count, so it never grows.
        return new JsonObject(kept == clean.Length ? clean : clean[..kept]);
    }

    // Records repeat the same few hundred keys, so each worker thread shares their strings.
    [ThreadStatic]
    private static Utf8Interner? t_names;

    [ThreadStatic]
    private static JavaHashMapOrder.Cache? t_keyOrders;

    private static JavaHashMapOrder.Cache KeyOrders => t_keyOrders ??= new JavaHashMapOrder.Cache();

    /// <summary>Returns a property's name, shared with earlier records when it has no escapes to decode.</summary>
    private static string Name(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return raw.IndexOf((byte)'\\') < 0 ? (t_names ??= new Utf8Interner(SharedKeys.Get)).GetString(raw) : property.Name;
    }

    /// <summary>Copies one value; false when an object inside it repeats a key.</summary>
    private static bool TryCopyClean(JsonElement value, out JsonNode? copy)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                copy = CopyClean(value);
                return copy is not null;

            case JsonValueKind.Array:
                var clean = new JsonArray();
                foreach (var item in value.EnumerateArray())
                {
                    if (!TryCopyClean(item, out var child))
                    {
                        copy = null;
                        return false;
                    }

                    if (!IsEmpty(child, placeholders: true))
                    {
                        clean.Add(child);
                    }
                }

                copy = clean;
                return true;

            default:
                copy = CopyScalar(value);
                return true;
        }
    }

    /// <summary>Copies a scalar as <see cref="CopyScalar(JsonNode?)"/> does; numbers keep their original text.</summary>
    private static JsonValue? CopyScalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonValue.Create(value.GetString()),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        JsonValueKind.Number => JsonValue.Create(value.Clone()),
        _ => null,
    };
}
