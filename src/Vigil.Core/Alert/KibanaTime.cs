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
