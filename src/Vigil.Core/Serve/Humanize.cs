using System.Globalization;

namespace Vigil.Serve;

/// <summary>
/// Durations in words as moment.js <c>duration.humanize()</c> writes them with its default
/// thresholds (moment 2.x: 45 s, 45 min, 22 h, 26 d, 11 months), which Kibana's gap message uses.
/// </summary>
internal static class Humanize
{
    public static string Duration(TimeSpan duration)
    {
        var seconds = Math.Round(Math.Abs(duration.TotalSeconds));
        var minutes = Math.Round(Math.Abs(duration.TotalMinutes));
        var hours = Math.Round(Math.Abs(duration.TotalHours));
        var days = Math.Round(Math.Abs(duration.TotalDays));
        var months = Math.Round(Math.Abs(duration.TotalDays) / 30.436875);
        var years = Math.Round(Math.Abs(duration.TotalDays) / 365.2425);

        return seconds < 45 ? "a few seconds"
            : minutes <= 1 ? "a minute"
            : minutes < 45 ? Count(minutes, "minutes")
            : hours <= 1 ? "an hour"
            : hours < 22 ? Count(hours, "hours")
            : days <= 1 ? "a day"
            : days < 26 ? Count(days, "days")
            : months <= 1 ? "a month"
            : months < 11 ? Count(months, "months")
            : years <= 1 ? "a year"
            : Count(years, "years");
    }

    private static string Count(double value, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} {unit}");
}
