using System.Globalization;
using System.Numerics;

namespace Vigil.Cli;

/// <summary>Parses a positive duration such as <c>500ms</c>, <c>5s</c>, <c>2m</c> or <c>1h</c>.</summary>
internal static class DurationArgument
{
    /// <summary>Parses <paramref name="text"/>, or returns the error that names the value and, for one too long, <paramref name="maximum"/>.</summary>
    /// <param name="text">The value as given.</param>
    /// <param name="maximum">The longest duration accepted, written in the error as <paramref name="maximumText"/>.</param>
    /// <param name="maximumText">The maximum in the units the option takes, such as <c>1193h</c>.</param>
    /// <param name="duration">The parsed duration.</param>
    /// <param name="error">Why the text was rejected.</param>
    public static bool TryParse(string text, TimeSpan maximum, string maximumText, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = "";
        var (number, unit) = Split(text.Trim());
        if (unit is null
            || !BigInteger.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0)
        {
            error = $"invalid duration '{text}': give a positive whole number and a unit ms, s, m or h, for example 5s.";
            return false;
        }

        if (count > maximum.Ticks / unit.Value.Ticks)
        {
            error = $"'{text}' is longer than the maximum of {maximumText}. Give {maximumText} or less.";
            return false;
        }

        duration = unit.Value * (long)count;
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
