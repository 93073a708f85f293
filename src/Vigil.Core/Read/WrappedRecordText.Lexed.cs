namespace Vigil.Read;

/// <summary>
/// The first way <see cref="WrappedRecordText"/> reads a wrapper: with the record tokenizer's
/// grammar (<see cref="JsonLexing"/>). <see cref="System.Text.Json.Utf8JsonReader"/> validated the
/// record's escaped text byte by byte and then copied it out, which took a third of a subscription
/// payload's hunt.
/// </summary>
/// <remarks>
/// It accepts only what the reader's way accepts, and only wrappers whose strings have at most the
/// short escapes. Anything else returns <c>false</c>, and the reader's way decides, so a
/// <c>\u</c> escape or a wrapper that is not plain costs both.
/// </remarks>
internal sealed partial class WrappedRecordText
{
    private static readonly byte[] CloudTrailEventKey = "CloudTrailEvent"u8.ToArray();
    private static readonly byte[] MessageKey = "message"u8.ToArray();

    private bool TryLex(ReadOnlySpan<byte> json, string? requiredField, out ReadOnlySpan<byte> record)
    {
        record = default;
        var i = JsonLexing.SkipWhitespace(json, 0);
        if (i >= json.Length || json[i] != '{')
        {
            return false;
        }

        var keys = 0;
        var cloudTrailEvent = -1;
        var message = -1;
        i = JsonLexing.SkipWhitespace(json, i + 1);
        while (true)
        {
            // A member: a plain key that no other shape uses and the object has not had, then a scalar.
            if (i >= json.Length || json[i] != '"')
            {
                return false;
            }

            var keyEnd = JsonLexing.StringEnd(json, i + 1, out var keyEscaped);
            if (keyEnd < 0 || keyEscaped || keys == MaxKeys)
            {
                return false;
            }

            var key = json[(i + 1)..keyEnd];
            if (IsRepeated(json, keys, key) || IsOtherShapeKey(key))
            {
                return false;
            }

            _keys[keys++] = (i + 1, key.Length);
            i = JsonLexing.SkipWhitespace(json, keyEnd + 1);
            if (i >= json.Length || json[i] != ':')
            {
                return false;
            }

            i = JsonLexing.SkipWhitespace(json, i + 1);
            if (key.SequenceEqual(CloudTrailEventKey))
            {
                i = RecordText(json, i, ref _cloudTrailEvent, out cloudTrailEvent);
            }
            else if (key.SequenceEqual(MessageKey))
            {
                i = RecordText(json, i, ref _message, out message);
            }
            else
            {
                i = ScalarEnd(json, i);
            }

            i = i < 0 ? i : JsonLexing.SkipWhitespace(json, i);
            if (i < 0 || i >= json.Length)
            {
                return false;
            }

            if (json[i] == '}')
            {
                break;
            }

            if (json[i] != ',')
            {
                return false;
            }

            i = JsonLexing.SkipWhitespace(json, i + 1);
        }

        return JsonLexing.SkipWhitespace(json, i + 1) == json.Length && Choose(cloudTrailEvent, message, requiredField, out record);
    }

    /// <summary>
    /// Reads the string at <paramref name="i"/> unescaped into <paramref name="buffer"/>, and returns
    /// the offset after it, or -1 when it is not a string the tokenizer accepts.
    /// </summary>
    private static int RecordText(ReadOnlySpan<byte> json, int i, ref byte[] buffer, out int length)
    {
        length = -1;
        if (i >= json.Length || json[i] != '"')
        {
            return -1;
        }

        var end = JsonLexing.StringEnd(json, i + 1, out var escaped);
        if (end < 0)
        {
            return -1;
        }

        var raw = json[(i + 1)..end];
        if (buffer.Length < raw.Length)
        {
            buffer = new byte[Math.Max(raw.Length, buffer.Length * 2)];
        }

        length = escaped ? JsonLexing.UnescapeShort(raw, buffer) : raw.Length;
        if (!escaped)
        {
            raw.CopyTo(buffer);
        }

        return end + 1;
    }

    /// <summary>Returns the offset after the string, number, <c>true</c>, <c>false</c> or <c>null</c> at <paramref name="i"/>, or -1.</summary>
    private static int ScalarEnd(ReadOnlySpan<byte> json, int i)
    {
        if (i >= json.Length)
        {
            return -1;
        }

        if (json[i] == '"')
        {
            var end = JsonLexing.StringEnd(json, i + 1, out _);
            return end < 0 ? -1 : end + 1;
        }

        var literal = json[i] switch
        {
            (byte)'t' => "true"u8,
            (byte)'f' => "false"u8,
            (byte)'n' => "null"u8,
            _ => [],
        };
        if (!literal.IsEmpty)
        {
            return json[i..].StartsWith(literal) ? i + literal.Length : -1;
        }

        var length = JsonLexing.NumberLength(json[i..]);
        return length == 0 ? -1 : i + length;
    }
}
