using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Moves <c>resources</c> to <c>aws.cloudtrail.resources</c>, renaming <c>ARN</c> to <c>arn</c> and
/// <c>accountId</c> to <c>account_id</c>, and dropping repeats of the same arn, account and type.
/// </summary>
/// <remarks>
/// Elastic deduplicates through a Java <c>HashMap</c> keyed on <c>arn_account_type</c>, so the output
/// is in that map's order and a repeated key keeps its first position with its last value.
/// Entries that are not objects are dropped; a <c>resources</c> value that is not a list is kept as is.
/// </remarks>
internal static class ResourceMapping
{
    public static void Apply(MappingContext context)
    {
        if (JsonPaths.Take(context.Json, "resources") is not { } resources)
        {
            return;
        }

        if (resources is not JsonArray list)
        {
            context.Set("aws.cloudtrail.resources", resources);
            return;
        }

        var unique = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var resource in list.OfType<JsonObject>())
        {
            var renamed = Rename(resource);
            var key = $"{Text(renamed, "arn")}_{Text(renamed, "account_id")}_{Text(renamed, "type")}";
            if (!unique.ContainsKey(key))
            {
                order.Add(key);
            }

            unique[key] = renamed;
        }

        var output = new JsonArray();
        foreach (var key in JavaHashMapOrder.Order(order))
        {
            output.Add((JsonNode)unique[key]);
        }

        context.Set("aws.cloudtrail.resources", output);
    }

    private static JsonObject Rename(JsonObject resource)
    {
        var copy = (JsonObject)resource.DeepClone();
        Move(copy, "ARN", "arn");
        Move(copy, "accountId", "account_id");
        return copy;
    }

    private static void Move(JsonObject obj, string from, string to)
    {
        if (obj.Remove(from, out var value))
        {
            obj[to] = value;
        }
    }

    private static string Text(JsonObject obj, string key) => obj.ContainsKey(key) ? JsonPaths.Render(obj[key]) : "";
}
