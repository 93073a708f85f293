using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Vigil.Alert;

/// <summary>
/// A JSON value kept as the compact UTF-8 text a writer with default options produces for it, so
/// that writing it again is a copy. A rule's fields are the same in every alert of the rule, and
/// escaping its notes and parameters anew for each alert took most of the time spent writing alerts.
/// </summary>
/// <remarks>
/// In a <see cref="JsonObject"/> it is an opaque <see cref="JsonValue"/>: it serialises to the same
/// bytes as the value it was made from, but cannot be read as a string or navigated. Only alerts
/// built for output, whose rule fields only the writers read, contain such values (see
/// <see cref="AlertBuilder.BuildForOutput"/>).
/// </remarks>
internal sealed class EncodedJson
{
    private static readonly JsonTypeInfo<EncodedJson> TypeInfo =
        JsonMetadataServices.CreateValueInfo<EncodedJson>(
            new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() },
            new Converter());

    private readonly byte[] _utf8;

    private EncodedJson(byte[] utf8)
    {
        _utf8 = utf8;
    }

    /// <summary>Encodes <paramref name="value"/> once, as <see cref="JsonNode.ToJsonString"/> does with default options.</summary>
    public static EncodedJson Of(JsonNode value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return new EncodedJson(buffer.WrittenSpan.ToArray());
    }

    /// <summary>Returns a new node that writes this value.</summary>
    public JsonValue ToNode() => JsonValue.Create(this, TypeInfo)!;

    private sealed class Converter : JsonConverter<EncodedJson>
    {
        public override EncodedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("encoded alert fields are only written");

        // The text came from a writer, so checking it again would only cost time.
        public override void Write(Utf8JsonWriter writer, EncodedJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value._utf8, skipInputValidation: true);
    }
}
