using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>Checks a <c>--time-zone</c> the way Elasticsearch (Java's <c>ZoneId.of</c>) would accept it.</summary>
internal static partial class KqlTimeZone
{
    /// <summary>Returns null when Elasticsearch accepts <paramref name="zone"/>, otherwise why not.</summary>
    public static string? Check(string zone)
    {
        if (zone is "Z" || IsOffset(zone) || IsRegion(zone))
        {
            return null;
        }

        return "is not a time zone Elasticsearch accepts; give an IANA id such as Europe/Paris, UTC or Zulu, "
            + "or an offset such as +01:00";
    }

    /// <summary>An offset of at most 18 hours, optionally after UTC, GMT or UT: <c>+1</c>, <c>-05:30</c>, <c>UTC+0100</c>.</summary>
    private static bool IsOffset(string zone)
    {
        var match = Offset().Match(zone);
        return match.Success && int.Parse(match.Groups["hours"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) <= 18;
    }

    /// <summary>Returns whether the zone is an IANA region id. Windows ids contain spaces, and Elasticsearch does not accept them.</summary>
    private static bool IsRegion(string zone) =>
        zone.Length > 0
        && !zone.Contains(' ', StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);

    [GeneratedRegex(@"^(?:UTC|GMT|UT)?[+-](?<hours>[0-9]{1,2})(?::?[0-5][0-9](?::?[0-5][0-9])?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Offset();
}
