using System.Globalization;

namespace Vigil.Store;

/// <summary>Parses retention periods such as <c>30d</c>: a whole number and a unit, <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or <c>w</c>.</summary>
internal static class RetentionPeriod
{
    /// <summary>The retention used when none is given.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromDays(30);

    public static bool TryParse(string text, out TimeSpan period, out string error)
    {
        period = TimeSpan.Zero;
        error = "";
        var unit = text.Length > 1 ? UnitOf(text[^1]) : null;
        if (unit is null || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            error = $"invalid retention '{text}': give a positive whole number and a unit s, m, h, d or w, for example 30d.";
            return false;
        }

        if (count > TimeSpan.MaxValue.Ticks / unit.Value.Ticks)
        {
            error = $"retention '{text}' is too long: give at most {TimeSpan.MaxValue.Days / 7}w";
            return false;
        }

        period = unit.Value * count;
        return true;
    }

    /// <summary>Writes <paramref name="period"/> as <see cref="TryParse"/> reads it, in its largest whole unit, such as <c>30d</c>.</summary>
    public static string Format(TimeSpan period)
    {
        foreach (var unit in (ReadOnlySpan<char>)['w', 'd', 'h', 'm'])
        {
            var length = UnitOf(unit)!.Value;
            if (period.Ticks % length.Ticks == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{period.Ticks / length.Ticks}{unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(long)period.TotalSeconds}s");
    }

    private static TimeSpan? UnitOf(char unit) => unit switch
    {
        's' => TimeSpan.FromSeconds(1),
        'm' => TimeSpan.FromMinutes(1),
        'h' => TimeSpan.FromHours(1),
        'd' => TimeSpan.FromDays(1),
        'w' => TimeSpan.FromDays(7),
        _ => null,
    };
}
