using System.Text.Json.Nodes;
using Tomlyn;
using Tomlyn.Model;

namespace Vigil.Detect.Rules;

/// <summary>Converts values of Tomlyn's untyped model to JSON nodes.</summary>
internal static class TomlJson
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
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
