using System.Text;
using System.Text.Json;

namespace Vigil.Read;

/// <summary>Turns <see cref="JsonException"/> messages into short plain messages without .NET wording.</summary>
internal static class JsonErrors
{
    /// <summary>Maximum number of characters of input quoted in one message.</summary>
    public const int MaxQuotedLength = 80;

    // Suffixes of Utf8JsonReader messages (System.Text.Json, .NET 10) that start with a quoted
    // input character or token, paired with the plain message; {0} is the quoted input.
    private static readonly (string Suffix, string Plain)[] QuotedMessages =
    [
        ("' is an invalid start of a value.", "invalid character {0} where a value should start"),
        ("' is invalid within a JSON string. The string should be correctly escaped.", "invalid character {0} inside a string, where control characters must be escaped"),
        ("' is invalid after a value. Expected either ',', '}', or ']'.", "missing comma: {0} follows a value where ',', '}}' or ']' is expected"),
        ("' is invalid after a property name. Expected a ':'.", "missing colon: {0} follows a property name where ':' is expected"),
        ("' is an invalid start of a property name. Expected a '\"'.", "invalid character {0} where a property name should start"),
        ("' is an invalid escapable character within a JSON string. The string should be correctly escaped.", "invalid escape sequence {0} inside a string"),
        ("' is invalid after a single JSON value. Expected end of data.", "a second value: {0} follows the end of the JSON value where the data should end"),
        ("' is an invalid end of a number. Expected a delimiter.", "invalid end of a number at {0}: ',', '}}' or ']' should follow the number, or the data ends too early"),
    ];

    /// <summary>
    /// Returns a plain message for <paramref name="exception"/>, without the reader's own position
    /// suffix (positions are reported relative to the whole file) and with quoted input capped.
    /// </summary>
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return Translate(suffix >= 0 ? message[..suffix] : message);
    }

    /// <summary>Returns <paramref name="text"/> in single quotes, escaped and capped at <see cref="MaxQuotedLength"/> characters.</summary>
    public static string Quote(string text) => $"'{Escape(text, MaxQuotedLength, escapeQuotes: true)}'";

    /// <summary>Returns <paramref name="bytes"/> in single quotes, printable ASCII as it is and other bytes as <c>\xNN</c>.</summary>
    public static string QuoteBytes(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder("'");
        foreach (var b in bytes)
        {
            builder.Append(b is >= 0x20 and < 0x7F and not (byte)'\'' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return builder.Append('\'').ToString();
    }

    /// <summary>
    /// Returns <paramref name="text"/> with control characters escaped, capped at
    /// <paramref name="maxLength"/> characters. Quotes and backslashes are escaped only inside a
    /// quoted value, where they would end or change it.
    /// </summary>
    private static string Escape(string text, int maxLength, bool escapeQuotes)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > maxLength ? text[..maxLength] : text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' when escapeQuotes => "\\\\",
                '\'' when escapeQuotes => "\\'",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.Append(text.Length > maxLength ? "…" : "").ToString();
    }

    private static string Translate(string message)
    {
        foreach (var (suffix, plain) in QuotedMessages)
        {
            if (message.StartsWith('\'') && message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, plain, Quote(message[1..^suffix.Length]));
            }
        }

        return Fixed(message) ?? Generic(message);
    }

    private static string? Fixed(string message) => message switch
    {
        _ when message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal) => "empty text: there is no JSON value, only whitespace or nothing",
        _ when message.StartsWith("Expected end of string, but instead reached end of data", StringComparison.Ordinal) => "unterminated string: the data ends inside a string",
        _ when message.StartsWith("Expected depth to be zero at the end of the JSON payload", StringComparison.Ordinal) => "unexpected end of data: an object or array is not closed",
        _ when message.Contains("trailing comma", StringComparison.Ordinal) => "trailing comma before a closing bracket",
        _ when message.Contains("maximum configured depth", StringComparison.Ordinal) => $"the data is nested deeper than {JsonTokenCursor.MaxDepth} levels",
        _ when message.StartsWith("Duplicate property '", StringComparison.Ordinal) => DuplicateProperty(message),
        _ when message.Contains("is an invalid JSON literal", StringComparison.Ordinal) => $"invalid literal {Quote(message.TrimStart('\'').Split("' is an invalid JSON literal")[0])}",
        _ => null,
    };

    private static string DuplicateProperty(string message)
    {
        var name = message["Duplicate property '".Length..];
        var end = name.LastIndexOf("' encountered", StringComparison.Ordinal);
        return $"duplicate property {Quote(end >= 0 ? name[..end] : name)}, which Elasticsearch rejects";
    }

    private static string Generic(string message)
    {
        var plain = message.Replace(" Change the reader options.", "", StringComparison.Ordinal).TrimEnd('.');
        return Escape(plain, 2 * MaxQuotedLength, escapeQuotes: false);
    }
}
