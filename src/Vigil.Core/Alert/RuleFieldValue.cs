using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>
/// The value of one of a rule's fields, which every alert of the rule repeats. It is kept parsed
/// for alerts built as nodes. A long value is also kept as compact UTF-8 JSON from a writer with
/// default options, which alerts written as text copy instead of escaping it again.
/// </summary>
/// <remarks>
/// Escaping a rule's notes and parameters anew for each alert took most of the time spent writing
/// alerts. Short strings are not encoded: escaping one costs about as much as copying it.
/// </remarks>
internal sealed class RuleFieldValue
{
    private const int EncodedFrom = 64;

    private readonly JsonNode? _scalar;
    private readonly JsonElement? _container;
    private readonly byte[]? _encoded;

    private RuleFieldValue(JsonNode? scalar, JsonElement? container, byte[]? encoded)
    {
        _scalar = scalar;
        _container = container;
        _encoded = encoded;
    }

    /// <summary>The length of the value's encoded JSON, or 0 for a short scalar that is not kept encoded.</summary>
    public int EncodedLength => _encoded?.Length ?? 0;

    public static RuleFieldValue Of(JsonNode? value) => value switch
    {
        JsonObject or JsonArray => new RuleFieldValue(null, JsonDocument.Parse(value.ToJsonString()).RootElement, Encode(value)),
        JsonValue text when text.TryGetValue<string>(out var s) && s.Length >= EncodedFrom => new RuleFieldValue(value, null, Encode(value)),
        _ => new RuleFieldValue(value, null, null),
    };

    /// <summary>Returns a node of this value for one alert. An object or an array builds its nodes only if something reads them.</summary>
    public JsonNode? ToNode() => _container switch
    {
        { ValueKind: JsonValueKind.Object } container => JsonObject.Create(container),
        { } container => JsonArray.Create(container),
        null => _scalar?.DeepClone(),
    };

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (_encoded is not null)
        {
            // The text came from a writer, so checking it again would only cost time.
            writer.WriteRawValue(_encoded, skipInputValidation: true);
        }
        else if (_scalar is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            _scalar.WriteTo(writer);
        }
    }

    private static byte[] Encode(JsonNode value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
