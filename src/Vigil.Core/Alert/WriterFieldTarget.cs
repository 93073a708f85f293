using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>
/// Writes an alert's fields as members of the JSON object a writer has open, with the bytes the
/// same fields of a <see cref="JsonObject"/> serialise to.
/// </summary>
/// <param name="writer">The writer, inside the alert's object.</param>
/// <param name="writtenInPlace">
/// A key the copy of the source event has already written, in the place the node tree keeps for a
/// key set again, or <c>null</c>.
/// </param>
internal sealed class WriterFieldTarget(Utf8JsonWriter writer, string? writtenInPlace) : AlertFieldTarget
{
    // The alert's own keys are the same strings alert after alert, so each thread keeps them
    // encoded, by string identity. Flattened event keys are made per alert and are not kept.
    private const int MaxEncodedKeys = 1024;

    [ThreadStatic]
    private static Dictionary<string, JsonEncodedText>? t_keys;

    private static readonly JsonEncodedText AncestorId = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText AncestorType = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText AncestorIndex = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText AncestorDepth = JsonEncodedText.Encode("depth");

    public override void Add(string key, string value)
    {
        if (key != writtenInPlace)
        {
            writer.WriteString(Encoded(key), value);
        }
    }

    public override void Add(string key, int value) => writer.WriteNumber(Encoded(key), value);

    public override void Add(string key, bool value) => writer.WriteBoolean(Encoded(key), value);

    public override void Add(string key, ReadOnlySpan<string> values)
    {
        writer.WriteStartArray(Encoded(key));
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public override void AddSourceAncestor(string key, string sourceId, string index)
    {
        writer.WriteStartArray(Encoded(key));
        writer.WriteStartObject();
        writer.WriteString(AncestorId, sourceId);
        writer.WriteString(AncestorType, "event");
        writer.WriteString(AncestorIndex, index);
        writer.WriteNumber(AncestorDepth, 0);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    public override void Add(string key, JsonNode? value)
    {
        writer.WritePropertyName(Encoded(key));
        WriteValue(value);
    }

    public override void Copy(string key, JsonNode? value)
    {
        writer.WritePropertyName(key);
        WriteValue(value);
    }

    public override void Add(string key, RuleFieldValue value)
    {
        writer.WritePropertyName(Encoded(key));
        value.WriteTo(writer);
    }

    private void WriteValue(JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private static JsonEncodedText Encoded(string key)
    {
        var keys = t_keys ??= new Dictionary<string, JsonEncodedText>(ReferenceEqualityComparer.Instance);
        if (!keys.TryGetValue(key, out var encoded))
        {
            encoded = JsonEncodedText.Encode(key);
            if (keys.Count < MaxEncodedKeys)
            {
                keys[key] = encoded;
            }
        }

        return encoded;
    }
}
