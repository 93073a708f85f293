using System.Globalization;

namespace Vigil.Cli;

/// <summary>Parses a positive duration such as <c>500ms</c>, <c>5s</c>, <c>2m</c> or <c>1h</c>.</summary>
internal static class DurationArgument
{
    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = "";
        var (number, unit) = Split(text.Trim());
        if (unit is null
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0)
        {
            error = $"invalid duration '{text}': give a positive whole number and a unit ms, s, m or h, for example 5s.";
            return false;
        }

        duration = unit.Value * count;
        return true;
    }

    private static (string Number, TimeSpan? Unit) Split(string text)
    {
        if (text.EndsWith("ms", StringComparison.Ordinal))
        {
            return (text[..^2], TimeSpan.FromMilliseconds(1));
        }

        TimeSpan? unit = text.Length == 0 ? null : text[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            _ => null,
        };
        return (text.Length == 0 ? "" : text[..^1], unit);
    }
}
