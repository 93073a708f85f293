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
    public override void Add(string key, string value)
    {
        if (key != writtenInPlace)
        {
            writer.WriteString(key, value);
        }
    }

    public override void Add(string key, int value) => writer.WriteNumber(key, value);

    public override void Add(string key, bool value) => writer.WriteBoolean(key, value);

    public override void Add(string key, JsonNode? value) => Copy(key, value);

    public override void Copy(string key, JsonNode? value)
    {
        writer.WritePropertyName(key);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    public override void Add(string key, RuleFieldValue value)
    {
        writer.WritePropertyName(key);
        value.WriteTo(writer);
    }
}
