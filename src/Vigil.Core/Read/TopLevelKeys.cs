using System.Text.Json;

namespace Vigil.Read;

/// <summary>Checks on the top-level keys of one complete JSON object, without parsing it into a tree.</summary>
internal static class TopLevelKeys
{
    private static readonly string[] RecordKeys = ["eventName", "eventTime", "eventID"];

    /// <summary>Returns whether <paramref name="json"/> has a top-level string property <paramref name="name"/>.</summary>
    public static bool HasStringProperty(ReadOnlySpan<byte> json, string name) =>
        FindValue(json, [name]) == JsonTokenType.String;

    /// <summary>
    /// Returns whether <paramref name="json"/> has a top-level <c>eventName</c>, <c>eventTime</c> or
    /// <c>eventID</c>, so that it is a record rather than an object wrapping records.
    /// </summary>
    public static bool IsRecord(ReadOnlySpan<byte> json) => FindValue(json, RecordKeys) is not JsonTokenType.None;

    /// <summary>
    /// Returns the token type of the value of the first top-level property named one of
    /// <paramref name="names"/>, or <see cref="JsonTokenType.None"/> when there is none or the JSON is
    /// invalid (the parser reports invalid JSON).
    /// </summary>
    private static JsonTokenType FindValue(ReadOnlySpan<byte> json, ReadOnlySpan<string> names)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTokenCursor.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return JsonTokenType.None;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = false;
                foreach (var name in names)
                {
                    matches |= reader.ValueTextEquals(name);
                }

                reader.Read();
                if (matches)
                {
                    return reader.TokenType;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return JsonTokenType.None;
    }
}
