using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// The first key that an object of a JSON text repeats, with its position. System.Text.Json
/// rejects a repeated key without a line or byte position, so a message that should name the
/// position gets it here.
/// </summary>
/// <param name="Key">The repeated key, unescaped.</param>
/// <param name="Line">The 1-based line of the second occurrence.</param>
/// <param name="Byte">The 1-based byte of the line where the second occurrence's opening quote is.</param>
internal sealed record RepeatedJsonKey(string Key, int Line, int Byte)
{
    /// <summary>
    /// Returns the first key repeated within one object of <paramref name="utf8"/>, or null when
    /// there is none or the text is not valid JSON.
    /// </summary>
    public static RepeatedJsonKey? Find(ReadOnlySpan<byte> utf8)
    {
        var objects = new Stack<HashSet<string>>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonTokenCursor.MaxDepth });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName when !objects.Peek().Add(reader.GetString()!):
                        return At(utf8, reader.GetString()!, (int)reader.TokenStartIndex);
                }
            }
        }
        catch (JsonException)
        {
            // Invalid JSON has a syntax error, which the parser reports with its own position.
        }

        return null;
    }

    /// <summary>Finds the first repeated key of <paramref name="json"/>. The byte position counts its UTF-8 encoding.</summary>
    public static RepeatedJsonKey? Find(string json) => Find(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>Returns the message for the repeated key, without its position, with the key quoted and escaped.</summary>
    public string Describe() => $"duplicate key {JsonErrors.Quote(Key)}";

    private static RepeatedJsonKey At(ReadOnlySpan<byte> utf8, string key, int offset)
    {
        var before = utf8[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new RepeatedJsonKey(key, line, offset - lineStart + 1);
    }
}
