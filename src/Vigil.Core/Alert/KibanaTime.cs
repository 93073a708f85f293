using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>Timestamps as Kibana writes them into alerts: JavaScript's <c>Date.toISOString()</c>.</summary>
internal static class KibanaTime
{
    /// <summary>Formats <paramref name="time"/> in UTC with milliseconds, such as <c>2026-12-04T16:07:33.000Z</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the document's top-level <c>@timestamp</c>: an ISO 8601 string (UTC when it has no
    /// offset) or epoch milliseconds. Returns false when it is missing or not a valid date.
    /// </summary>
    public static bool TryReadTimestamp(JsonObject source, out DateTimeOffset time)
    {
        time = default;
        if (source["@timestamp"] is not JsonValue value)
        {
            return false;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => TryParse(value.GetValue<string>(), out time),
            JsonValueKind.Number => TryFromEpochMilliseconds(value, out time),
            _ => false,
        };
    }

    /// <summary>
    /// Returns the document's <c>@timestamp</c> as <see cref="Format"/> writes it, or false when
    /// <see cref="TryReadTimestamp"/> would. A mapped event's timestamp is already in that form, so
    /// its text is returned as it is, without parsing and formatting it again.
    /// </summary>
    public static bool TryReadTimestampText(JsonObject source, out string text)
    {
        if (source["@timestamp"] is JsonValue value
            && value.GetValueKind() == JsonValueKind.String
            && value.GetValue<string>() is var timestamp
            && IsFormatted(timestamp))
        {
            text = timestamp;
            return true;
        }

        var found = TryReadTimestamp(source, out var time);
        text = found ? Format(time) : "";
        return found;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a valid time exactly as <see cref="Format"/> writes it
    /// (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>), so that parsing and formatting it gives it back. A leap
    /// second (<c>:60</c>) is left to the parser.
    /// </summary>
    private static bool IsFormatted(string text)
    {
        const string Shape = "0000-00-00T00:00:00.000Z";
        if (text.Length != Shape.Length)
        {
            return false;
        }

        for (var i = 0; i < Shape.Length; i++)
        {
            if (Shape[i] == '0' ? !char.IsAsciiDigit(text[i]) : text[i] != Shape[i])
            {
                return false;
            }
        }

        var year = Number(text, 0, 4);
        var month = Number(text, 5, 2);
        var day = Number(text, 8, 2);
        return year >= 1
            && month is >= 1 and <= 12
            && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && Number(text, 11, 2) < 24
            && Number(text, 14, 2) < 60
            && Number(text, 17, 2) < 60;
    }

    private static int Number(string text, int start, int length)
    {
        var value = 0;
        for (var i = start; i < start + length; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    /// <summary>Parses an ISO 8601 <c>@timestamp</c> text, as UTC when it has no offset.</summary>
    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static bool TryFromEpochMilliseconds(JsonValue value, out DateTimeOffset time)
    {
        time = default;
        if (!value.TryGetValue<long>(out var milliseconds)
            || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }
}
