using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Reads the parsed JSON behind a <see cref="JsonObject"/> that <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/>
/// returned and nothing has enumerated or changed yet. Such an object keeps its <see cref="JsonElement"/>
/// and builds its child nodes only on first access, so reading the element instead saves building a
/// node for every property of a record that the mapper copies anyway.
/// </summary>
/// <remarks>
/// System.Text.Json keeps the element in a private field, <c>_jsonElement</c> (.NET 8 to 10), which it
/// clears when it builds the child nodes. If a runtime lacks the field, every call returns false and
/// callers read the nodes.
/// </remarks>
internal static class ParsedJson
{
    private static volatile bool _unavailable;

    /// <summary>Returns true and the element when <paramref name="obj"/> still reads from its parsed JSON.</summary>
    public static bool TryGetElement(JsonObject obj, out JsonElement element)
    {
        element = default;
        if (_unavailable)
        {
            return false;
        }

        try
        {
            if (ElementField(obj) is { } parsed)
            {
                element = parsed;
                return true;
            }
        }
        catch (MissingFieldException)
        {
            _unavailable = true;
        }

        return false;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_jsonElement")]
    private static extern ref JsonElement? ElementField(JsonObject obj);
}
