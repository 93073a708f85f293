using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Map;

/// <summary>
/// Parses dates as Elasticsearch's <c>date</c> processor does with the formats the CloudTrail
/// pipeline names, and writes them as it stores them: UTC with milliseconds,
/// <c>2019-10-02T22:12:29.000Z</c>.
/// </summary>
internal static partial class ElasticDate
{
    /// <summary>Parses with Elasticsearch's lenient <c>ISO8601</c> format; a missing zone means UTC.</summary>
    public static bool TryParseIso8601(string text, out string formatted) =>
        TryParse(Iso8601Pattern().Match(text), out formatted);

    /// <summary>
    /// Parses with <c>ISO8601</c>, then <c>basic_date_time_no_millis</c> (<c>20131102T010628Z</c>),
    /// then <c>basic_date_time</c> (<c>20131102T010628.123Z</c>), as the pipeline does for a
    /// session's creation date.
    /// </summary>
    public static bool TryParseIso8601OrBasic(string text, out string formatted) =>
        TryParseIso8601(text, out formatted) || TryParse(BasicPattern().Match(text), out formatted);

    private static bool TryParse(Match match, out string formatted)
    {
        formatted = "";
        if (!match.Success)
        {
            return false;
        }

        var year = Number(match, "year", 0);
        var month = Number(match, "month", 1);
        var day = Number(match, "day", 1);
        var hour = Number(match, "hour", 0);
        var minute = Number(match, "minute", 0);
        var second = Number(match, "second", 0);
        var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value.PadRight(7, '0')[..7] : "0";
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        if (!TryOffset(match.Groups["zone"].Value, out var offset))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture));
        var utc = new DateTimeOffset(local, offset).UtcDateTime;
        formatted = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return true;
    }

    private static int Number(Match match, string group, int missing) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : missing;

    private static bool TryOffset(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "" or "Z")
        {
            return true;
        }

        var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var minutes = digits.Length > 2 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
        if (hours > 18 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        return true;
    }

    // NOTE: modelled on Elasticsearch's ISO8601 date format (year, then optional month, day, time,
    // fraction of up to 9 digits and zone); its rarer forms such as week dates and ordinal dates
    // are rejected here.
    [GeneratedRegex(@"^(?<year>\d{4})(?:-(?<month>\d{2})(?:-(?<day>\d{2})(?:T(?<hour>\d{2})(?::(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d{1,9}))?)?)?)?)?)?(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking)]
    private static partial Regex Iso8601Pattern();

    [GeneratedRegex(@"^(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})T(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})(?:\.(?<fraction>\d{3}))?(?<zone>Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking)]
    private static partial Regex BasicPattern();
}
