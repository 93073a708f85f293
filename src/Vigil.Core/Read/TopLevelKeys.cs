using System.Text.Json;

namespace Vigil.Read;

/// <summary>Checks on the top-level keys of one complete JSON object, without parsing it into a tree.</summary>
internal static class TopLevelKeys
{
    /// <summary>Whether <paramref name="json"/>, one complete JSON object, has a top-level string property <paramref name="name"/>.</summary>
    public static bool HasStringProperty(ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTokenCursor.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = reader.ValueTextEquals(name);
                reader.Read();
                if (matches && reader.TokenType == JsonTokenType.String)
                {
                    return true;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Invalid JSON is reported by the parser.
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="json"/>, one complete JSON object, has a top-level <c>eventName</c>,
    /// <c>eventTime</c> or <c>eventID</c>, so that it is a record rather than an object wrapping records.
    /// </summary>
    public static bool IsRecord(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTokenCursor.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("eventName"u8) || reader.ValueTextEquals("eventTime"u8) || reader.ValueTextEquals("eventID"u8))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Invalid JSON is reported by the parser, whatever its size.
        }

        return false;
    }
}
