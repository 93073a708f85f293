using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// The two clean-up passes of Elastic's pipeline: before mapping it deletes <c>null</c>,
/// <c>""</c>, <c>"-"</c>, <c>"none"</c>, <c>{}</c> and <c>[]</c> everywhere; at the end it deletes
/// <c>null</c>, <c>""</c>, <c>{}</c> and <c>[]</c>. Children are cleaned first, so an object that
/// becomes empty is deleted too.
/// </summary>
internal static class EmptyValueCleaner
{
    /// <summary>
    /// Returns a cleaned copy of <paramref name="record"/> for mapping, with every object's keys in
    /// Java <c>HashMap</c> order of the original keys (see <see cref="JavaHashMapOrder"/>).
    /// </summary>
    public static JsonObject PreClean(JsonObject record) => (JsonObject)CopyClean(record, placeholders: true)!;

    /// <summary>Returns a copy of <paramref name="document"/> without <c>null</c>, <c>""</c>, <c>{}</c> and <c>[]</c> values.</summary>
    public static JsonObject FinalClean(JsonObject document) => (JsonObject)CopyClean(document, placeholders: false)!;

    private static JsonNode? CopyClean(JsonNode? node, bool placeholders)
    {
        switch (node)
        {
            case JsonObject obj:
                var cleanObject = new JsonObject();
                var keys = obj.Select(property => property.Key).ToArray();
                foreach (var key in placeholders ? JavaHashMapOrder.Order(keys) : keys)
                {
                    var child = CopyClean(obj[key], placeholders);
                    if (!IsEmpty(child, placeholders))
                    {
                        cleanObject[key] = child;
                    }
                }

                return cleanObject;

            case JsonArray array:
                var cleanArray = new JsonArray();
                foreach (var item in array)
                {
                    var child = CopyClean(item, placeholders);
                    if (!IsEmpty(child, placeholders))
                    {
                        cleanArray.Add(child);
                    }
                }

                return cleanArray;

            default:
                return node?.DeepClone();
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

    private static bool IsEmptyText(string text, bool placeholders) =>
        text.Length == 0 || (placeholders && text is "-" or "none");
}
