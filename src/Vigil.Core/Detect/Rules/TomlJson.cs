using System.Text.Json.Nodes;
using Tomlyn;
using Tomlyn.Model;

namespace Vigil.Detect.Rules;

/// <summary>Converts values of Tomlyn's untyped model to JSON nodes.</summary>
internal static class TomlJson
{
    /// <summary>
    /// A marker for a JSON <c>null</c> in Tomlyn's model, which has no null. Only the Kibana JSON reader
    /// puts it there, for the values of a rule's <c>filters</c>, where Elasticsearch rejects a null.
    /// </summary>
    public static object Null { get; } = new();

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        _ when ReferenceEquals(value, Null) => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        TomlDateTime dateTime => JsonValue.Create(dateTime.ToString()),
        TomlTable table => ToJsonObject(table),
        TomlTableArray tables => new JsonArray(tables.Select(t => (JsonNode?)ToJsonObject(t)).ToArray()),
        TomlArray array => new JsonArray(array.Select(ToJson).ToArray()),
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonObject ToJsonObject(TomlTable table)
    {
        var json = new JsonObject();
        foreach (var (key, value) in table)
        {
            json[key] = ToJson(value);
        }

        return json;
    }
}
