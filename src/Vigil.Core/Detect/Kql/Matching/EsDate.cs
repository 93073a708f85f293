using System.Globalization;

namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// Parses dates the way Elasticsearch's default date format <c>strict_date_optional_time||epoch_millis</c>
/// does, in UTC (the detection engine sends <c>time_zone: Zulu</c>). When rounding up, missing parts
/// take Elasticsearch's round-up defaults: month 1, day 1, 23:59:59.999; so <c>2024-01</c> rounds up to
/// 2024-01-01T23:59:59.999, not to the end of the month.
/// </summary>
internal static class EsDate
{
    public static bool TryParse(string text, bool roundUp, out long epochMillis) =>
        TryParseIsoDate(text, roundUp, out epochMillis) || TryParseEpochMillis(text, out epochMillis);

    private static bool TryParseEpochMillis(string text, out long epochMillis)
    {
        epochMillis = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value < long.MinValue || value > long.MaxValue)
        {
            return false;
        }

        epochMillis = (long)decimal.Truncate(value);
        return true;
    }

    /// <summary>
    /// Reads the parts of an ISO 8601 date in the <c>strict_date_optional_time</c> form, without the
    /// epoch-millisecond fallback. A part the text leaves out is null.
    /// </summary>
    public static bool TryReadIsoParts(string text, out DateParts parts) =>
        new DateTextReader(text).TryRead(out parts) && TryParseIsoDate(parts, roundUp: false, out _);

    private static bool TryParseIsoDate(string text, bool roundUp, out long epochMillis)
    {
        epochMillis = 0;
        var reader = new DateTextReader(text);
        return reader.TryRead(out var parts) && TryParseIsoDate(parts, roundUp, out epochMillis);
    }

    private static bool TryParseIsoDate(DateParts parts, bool roundUp, out long epochMillis)
    {
        epochMillis = 0;
        var month = parts.Month ?? 1;
        var day = parts.Day ?? 1;
        var hour = parts.Hour ?? (roundUp ? 23 : 0);
        var minute = parts.Minute ?? (roundUp ? 59 : 0);
        var second = parts.Second ?? (roundUp ? 59 : 0);
        var millis = parts.Millisecond ?? (roundUp ? 999 : 0);
        if (parts.Year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(parts.Year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // Subtracting the offset from the ticks, not the DateTime, keeps a time that the offset moves
        // outside the years 1 to 9999, as Elasticsearch does.
        var local = new DateTime(parts.Year, month, day, hour, minute, second, millis, DateTimeKind.Unspecified);
        epochMillis = (local.Ticks - parts.Offset.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        return true;
    }

    /// <summary>The components present in a date string; null means the part was not given.</summary>
    internal readonly record struct DateParts(
        int Year,
        int? Month,
        int? Day,
        int? Hour,
        int? Minute,
        int? Second,
        int? Millisecond,
        TimeSpan Offset);

    /// <summary>
    /// Reads <c>yyyy[-MM[-dd[THH[:mm[:ss[.fraction]]]][zone]]]</c>, zone being <c>Z</c>, <c>±HH</c>,
    /// <c>±HHmm</c> or <c>±HH:mm</c>. The fraction has 1–9 digits and is truncated to milliseconds.
    /// </summary>
    private ref struct DateTextReader(string text)
    {
        private readonly string _text = text;
        private int _pos;

        public bool TryRead(out DateParts parts)
        {
            parts = default;
            if (!Digits(4, out var year))
            {
                return false;
            }

            int? month = null, day = null, hour = null, minute = null, second = null, millis = null;
            var offset = TimeSpan.Zero;
            if (Char('-'))
            {
                month = Digits(2, out var m) ? m : -1;
                if (Char('-'))
                {
                    day = Digits(2, out var d) ? d : -1;
                    if (Char('T'))
                    {
                        if (!ReadTime(ref hour, ref minute, ref second, ref millis) || !ReadZone(ref offset))
                        {
                            return false;
                        }
                    }
                }
            }

            parts = new DateParts(year, month, day, hour, minute, second, millis, offset);
            return _pos == _text.Length && month != -1 && day != -1;
        }

        private bool ReadTime(ref int? hour, ref int? minute, ref int? second, ref int? millis)
        {
            if (!Digits(2, out var h))
            {
                return false;
            }

            hour = h;
            if (!Char(':'))
            {
                return true;
            }

            if (!Digits(2, out var m))
            {
                return false;
            }

            minute = m;
            if (!Char(':'))
            {
                return true;
            }

            if (!Digits(2, out var s))
            {
                return false;
            }

            second = s;
            return !(Char('.') || Char(',')) || Fraction(ref millis);
        }

        private bool Fraction(ref int? millis)
        {
            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]) && _pos - start < 9)
            {
                _pos++;
            }

            if (_pos == start)
            {
                return false;
            }

            var digits = _text.Substring(start, Math.Min(3, _pos - start)).PadRight(3, '0');
            millis = int.Parse(digits, CultureInfo.InvariantCulture);
            return true;
        }

        private bool ReadZone(ref TimeSpan offset)
        {
            if (_pos == _text.Length || Char('Z'))
            {
                return true;
            }

            var sign = _text[_pos] switch { '+' => 1, '-' => -1, _ => 0 };
            if (sign == 0)
            {
                return false;
            }

            _pos++;
            if (!Digits(2, out var hours) || hours > 18)
            {
                return false;
            }

            var minutes = 0;
            var colon = Char(':');
            if ((colon || _pos < _text.Length) && (!Digits(2, out minutes) || minutes > 59))
            {
                return false;
            }

            offset = sign * new TimeSpan(hours, minutes, 0);
            return true;
        }

        private bool Char(char c)
        {
            if (_pos < _text.Length && _text[_pos] == c)
            {
                _pos++;
                return true;
            }

            return false;
        }

        private bool Digits(int count, out int value)
        {
            value = 0;
            if (_pos + count > _text.Length)
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                var c = _text[_pos + i];
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            _pos += count;
            return true;
        }
    }
}
