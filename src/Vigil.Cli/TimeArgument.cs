using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>
/// Parses <c>--from</c>/<c>--to</c> values: an ISO 8601 time (UTC unless it has an offset) or
/// Elasticsearch-style relative time such as <c>now</c>, <c>now-24h</c> or <c>now-7d</c>.
/// </summary>
internal static partial class TimeArgument
{
    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset time, out string error)
    {
        error = "";
        text = text.Trim();

        var relative = RelativeTime().Match(text);
        if (relative.Success)
        {
            try
            {
                time = ApplyOffset(now, relative);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                time = default;
                error = $"invalid time '{text}': the offset reaches outside the years 1 to 9999";
                return false;
            }
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            return true;
        }

        error = $"invalid time '{text}': use an ISO 8601 time such as 2026-12-01T10:00:00Z, or now-24h (units s, m, h, d, w, M for months, y for years)";
        return false;
    }

    private static DateTimeOffset ApplyOffset(DateTimeOffset now, Match match)
    {
        if (!match.Groups["sign"].Success)
        {
            return now;
        }

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

    [GeneratedRegex(@"^now(?:(?<sign>[+-])(?<amount>\d{1,9})(?<unit>[smhdwMy]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeTime();
}
