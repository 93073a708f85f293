using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>Sets an alert's fields on a <see cref="JsonObject"/>, where a key set again keeps its place.</summary>
internal sealed class NodeFieldTarget(JsonObject alert) : AlertFieldTarget
{
    public override void Add(string key, string value) => alert[key] = value;

    public override void Add(string key, int value) => alert[key] = value;

    public override void Add(string key, bool value) => alert[key] = value;

    public override void Add(string key, ReadOnlySpan<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)JsonValue.Create(value));
        }

        alert[key] = array;
    }

    public override void AddSourceAncestor(string key, string sourceId, string index) =>
        alert[key] = new JsonArray(new JsonObject
        {
            ["id"] = sourceId,
            ["type"] = "event",
            ["index"] = index,
            ["depth"] = 0,
        });

    public override void Add(string key, JsonNode? value) => alert[key] = value;

    public override void Copy(string key, JsonNode? value) => alert[key] = value?.DeepClone();

    public override void Add(string key, RuleFieldValue value) => alert[key] = value.ToNode();
}
