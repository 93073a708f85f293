using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Cli;

/// <summary>
/// Parses <c>--from</c>/<c>--to</c> values: an ISO 8601 date or time (UTC unless it has an offset) or
/// Elasticsearch-style relative time such as <c>now</c>, <c>now-24h</c> or <c>now-7d</c>, rounded to a
/// unit in UTC as Elasticsearch date math rounds, such as <c>now/d</c> or <c>now-1M/M</c>, and with
/// several operations applied left to right, such as <c>now-1d/d+8h</c>.
/// </summary>
internal static partial class TimeArgument
{
    private static readonly long MinMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Parses <paramref name="text"/>, taking relative times from <paramref name="now"/>.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="now">The time that <c>now</c> refers to.</param>
    /// <param name="time">The time parsed.</param>
    /// <param name="error">Why the value is invalid, with the accepted forms.</param>
    /// <param name="roundUp">
    /// Whether a rounded or partial time is the end of its unit rather than its start, as
    /// Elasticsearch rounds the upper bound of a range: <c>now/d</c> and today's date are then the
    /// last millisecond of today, for an inclusive <c>--to</c>.
    /// </param>
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset time, out string error, bool roundUp = false)
    {
        error = "";
        text = text.Trim();

        var relative = RelativeTime().Match(text);
        if (relative.Success)
        {
            try
            {
                // Operations apply left to right, as in Elasticsearch date math: now-1d/d+1h.
                time = now;
                foreach (Match operation in Operation().Matches(relative.Groups["operations"].Value))
                {
                    time = operation.Groups["round"].Success
                        ? Round(time, operation.Groups["round"].Value, roundUp)
                        : ApplyOffset(time, operation);
                }

                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                time = default;
                error = $"invalid time '{text}': the offset reaches outside the years 1 to 9999";
                return false;
            }
        }

        if (TryParseAbsolute(text, roundUp, out time))
        {
            return true;
        }

        error = $"invalid time '{text}': use an ISO 8601 time such as 2026-12-01T10:00:00Z or 2026-12-01, or now-24h (units s, m, h, d, w, M for months, y for years), rounded such as now/d, or both such as now-1d/d+8h";
        return false;
    }

    /// <summary>
    /// Parses an ISO 8601 date or time in UTC unless it has an offset. A time without seconds or a
    /// date alone is a whole unit, so rounding up gives its last millisecond: <c>2026-12-01</c> as an
    /// inclusive end covers that day.
    /// </summary>
    private static bool TryParseAbsolute(string text, bool roundUp, out DateTimeOffset time)
    {
        time = default;

        // RFC 3339 allows a space between the date and the time, and people type one.
        var iso = DateSpaceTime().Replace(text, "${date}T", 1);
        if (!EsDate.TryReadIsoParts(iso, out var parts) || !EsDate.TryParse(iso, roundUp: false, out var startMillis)
            || startMillis < MinMillis || startMillis > MaxMillis)
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeMilliseconds(startMillis);
        if (roundUp && UnitLength(parts, time) is { } unit)
        {
            // Adding one millisecond less than the unit cannot pass 9999-12-31T23:59:59.999.
            time = time.AddTicks(unit.Ticks - TimeSpan.TicksPerMillisecond);
        }

        return true;
    }

    /// <summary>Returns the length of the smallest unit a partial time gives, or null for one given to the second.</summary>
    private static TimeSpan? UnitLength(EsDate.DateParts parts, DateTimeOffset start) => parts switch
    {
        { Second: not null } => null,
        { Minute: not null } => TimeSpan.FromMinutes(1),
        { Hour: not null } => TimeSpan.FromHours(1),
        { Day: not null } => TimeSpan.FromDays(1),
        { Month: not null } => TimeSpan.FromDays(DateTime.DaysInMonth(start.Year, start.Month)),
        _ => TimeSpan.FromDays(DateTime.IsLeapYear(start.Year) ? 366 : 365),
    };

    private static DateTimeOffset ApplyOffset(DateTimeOffset now, Match match)
    {
        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["sign"].Value == "-")
        {
            amount = -amount;
        }

        return match.Groups["unit"].Value switch
        {
            "s" => now.AddSeconds(amount),
            "m" => now.AddMinutes(amount),
            "h" => now.AddHours(amount),
            "d" => now.AddDays(amount),
            "w" => now.AddDays(7 * amount),

            // Calendar months and years, as Elasticsearch date math counts them.
            "M" => now.AddMonths(amount),
            _ => now.AddYears(amount),
        };
    }

    /// <summary>Rounds <paramref name="time"/> down to the start of the unit in UTC, or up to its last millisecond.</summary>
    private static DateTimeOffset Round(DateTimeOffset time, string unit, bool roundUp)
    {
        var utc = time.UtcDateTime;
        var start = unit switch
        {
            "s" => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc),
            "m" => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc),
            "h" => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc),
            "d" => utc.Date,

            // Weeks start on Monday, as in ISO 8601 and Elasticsearch's rounding.
            "w" => utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7)),
            "M" => new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => new DateTime(utc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        if (!roundUp)
        {
            return new DateTimeOffset(start);
        }

        var next = unit switch
        {
            "s" => start.AddSeconds(1),
            "m" => start.AddMinutes(1),
            "h" => start.AddHours(1),
            "d" => start.AddDays(1),
            "w" => start.AddDays(7),
            "M" => start.AddMonths(1),
            _ => start.AddYears(1),
        };
        return new DateTimeOffset(next.AddMilliseconds(-1));
    }

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2}) (?=[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex DateSpaceTime();

    [GeneratedRegex(@"^now(?<operations>(?:[+-][0-9]{1,9}[smhdwMy]|/[smhdwMy]){0,16})$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeTime();

    [GeneratedRegex(@"(?<sign>[+-])(?<amount>[0-9]{1,9})(?<unit>[smhdwMy])|/(?<round>[smhdwMy])", RegexOptions.CultureInvariant)]
    private static partial Regex Operation();
}
