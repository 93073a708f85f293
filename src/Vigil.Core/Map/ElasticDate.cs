using System.Globalization;

namespace Vigil.Map;

/// <summary>
/// Parses dates as Elasticsearch's <c>date</c> processor does with the formats the CloudTrail
/// pipeline names, and writes them as it stores them: UTC with milliseconds,
/// <c>2019-10-02T22:12:29.000Z</c>.
/// </summary>
/// <remarks>
/// The ISO8601 rules follow Elasticsearch's <c>Iso8601Parser</c>: fixed positions, a year and
/// optionally month, day, <c>T</c> and hour, minute, second, a fraction of 1 to 9 digits after
/// <c>.</c> or <c>,</c>, and a zone; a missing zone means UTC. A space in place of <c>T</c> is invalid.
/// </remarks>
internal static class ElasticDate
{
    /// <summary>Parses with Elasticsearch's <c>ISO8601</c> format.</summary>
    public static bool TryParseIso8601(string text, out string formatted)
    {
        formatted = "";
        if (!TryParseIso(text, out var parts) || !TryBuild(parts, out var utc))
        {
            return false;
        }

        formatted = Format(utc);
        return true;
    }

    /// <summary>
    /// Parses with <c>ISO8601</c>, then <c>basic_date_time_no_millis</c> (<c>20131102T010628Z</c>),
    /// then <c>basic_date_time</c> (<c>20131102T010628.123Z</c>), as the pipeline does for a
    /// session's creation date.
    /// </summary>
    public static bool TryParseIso8601OrBasic(string text, out string formatted)
    {
        if (TryParseIso8601(text, out formatted))
        {
            return true;
        }

        if (!TryParseBasic(text, out var parts) || !TryBuild(parts, out var utc))
        {
            return false;
        }

        formatted = Format(utc);
        return true;
    }

    private static bool TryParseIso(string text, out DateParts parts)
    {
        parts = new DateParts { Month = 1, Day = 1 };
        if (!TryDigits(text, 0, 4, out parts.Year))
        {
            return false;
        }

        // Each step: the text may end here (the rest keeps its default), or continue with a separator.
        return text.Length == 4
            || (At(text, 4, '-') && TryDigits(text, 5, 2, out parts.Month) && (text.Length == 7
            || (At(text, 7, '-') && TryDigits(text, 8, 2, out parts.Day) && (text.Length == 10
            || (At(text, 10, 'T') && (text.Length == 11 || TryTime(text, ref parts)))))));
    }

    private static bool TryTime(string text, ref DateParts parts)
    {
        if (!TryDigits(text, 11, 2, out parts.Hour))
        {
            return false;
        }

        var position = 13;
        if (text.Length > position && At(text, position, ':') && TryDigits(text, 14, 2, out parts.Minute))
        {
            position = 16;
            if (text.Length > position && At(text, position, ':') && TryDigits(text, 17, 2, out parts.Second))
            {
                position = 19;
                if (text.Length > position && text[position] is '.' or ',')
                {
                    position = TryFraction(text, position + 1, ref parts);
                }
            }
        }

        return position > 0 && TryZone(text, position, ref parts);
    }

    private static int TryFraction(string text, int start, ref DateParts parts)
    {
        var end = start;
        while (end < text.Length && end < start + 9 && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        if (end == start)
        {
            return -1;
        }

        parts.Ticks = long.Parse(text.AsSpan(start, Math.Min(end - start, 7)), CultureInfo.InvariantCulture);
        for (var digits = end - start; digits < 7; digits++)
        {
            parts.Ticks *= 10;
        }

        return end;
    }

    /// <summary>Parses <c>yyyyMMdd'T'HHmmss[.SSS]Z</c> where the zone is <c>Z</c> or <c>±HHmm</c>.</summary>
    private static bool TryParseBasic(string text, out DateParts parts)
    {
        parts = default;
        if (!(TryDigits(text, 0, 4, out parts.Year) && TryDigits(text, 4, 2, out parts.Month) && TryDigits(text, 6, 2, out parts.Day)
            && At(text, 8, 'T') && TryDigits(text, 9, 2, out parts.Hour) && TryDigits(text, 11, 2, out parts.Minute) && TryDigits(text, 13, 2, out parts.Second)))
        {
            return false;
        }

        var position = 15;
        if (At(text, position, '.'))
        {
            if (!TryDigits(text, 16, 3, out var millis))
            {
                return false;
            }

            parts.Ticks = millis * TimeSpan.TicksPerMillisecond;
            position = 19;
        }

        return text.Length > position && TryZone(text, position, ref parts);
    }

    private static bool TryZone(string text, int position, ref DateParts parts)
    {
        var zone = text.AsSpan(position);
        if (zone.Length == 0 || zone is "Z" or "UTC" or "GMT" or "UT")
        {
            return true;
        }

        if (zone[0] is not ('+' or '-') || zone.Length is not (3 or 5 or 6))
        {
            // NOTE: Elasticsearch also accepts region zone names such as Europe/Paris; they are rejected here.
            return false;
        }

        var minutesAt = zone.Length == 6 ? 4 : 3;
        if ((zone.Length == 6 && zone[3] != ':') || !TryDigits(text, position + 1, 2, out var hours)
            || (zone.Length > 3 && !TryDigits(text, position + minutesAt, 2, out parts.OffsetMinutes)) || hours > 18)
        {
            return false;
        }

        parts.OffsetMinutes = ((hours * 60) + parts.OffsetMinutes) * (zone[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool TryBuild(DateParts parts, out DateTime utc)
    {
        utc = default;
        if (parts.Year < 1 || parts.Month is < 1 or > 12 || parts.Day < 1 || parts.Day > DateTime.DaysInMonth(parts.Year, parts.Month)
            || parts.Hour > 23 || parts.Minute > 59 || parts.Second > 59)
        {
            return false;
        }

        var local = new DateTime(parts.Year, parts.Month, parts.Day, parts.Hour, parts.Minute, parts.Second, DateTimeKind.Utc).AddTicks(parts.Ticks);
        var shifted = local.Ticks - (parts.OffsetMinutes * TimeSpan.TicksPerMinute);
        if (shifted < DateTime.MinValue.Ticks || shifted > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(shifted, DateTimeKind.Utc);
        return true;
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool At(string text, int position, char expected) => position < text.Length && text[position] == expected;

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private struct DateParts
    {
        public int Year;
        public int Month;
        public int Day;
        public int Hour;
        public int Minute;
        public int Second;
        public long Ticks;
        public int OffsetMinutes;
    }
}
