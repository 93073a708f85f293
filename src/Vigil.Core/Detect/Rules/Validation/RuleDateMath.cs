using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Elasticsearch date math as rule windows use it: <c>now</c>, then any number of <c>+N</c> or
/// <c>-N</c> with a unit of y, M, w, d, h, H, m or s, then an optional rounding such as <c>/d</c>.
/// </summary>
internal static partial class RuleDateMath
{
    /// <summary>The example given in error messages.</summary>
    public const string Example = "now-6m";

    /// <summary>
    /// Parses <paramref name="text"/> to its offset from <c>now</c>, ignoring rounding. Months and
    /// years count as 30 and 365 days, which is enough to order two windows.
    /// </summary>
    public static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var match = Expression().Match(text);
        if (!match.Success)
        {
            return false;
        }

        try
        {
            foreach (Capture step in match.Groups["step"].Captures)
            {
                offset += Step(step.Value);
            }
        }
        catch (OverflowException)
        {
            // Nine digits of days or years pass the pattern but exceed TimeSpan's range (about 29,000 years).
            offset = TimeSpan.Zero;
            return false;
        }

        return true;
    }

    private static TimeSpan Step(string step)
    {
        var amount = long.Parse(step.AsSpan(1, step.Length - 2), CultureInfo.InvariantCulture) * (step[0] == '-' ? -1 : 1);
        return step[^1] switch
        {
            'y' => TimeSpan.FromDays(365 * amount),
            'M' => TimeSpan.FromDays(30 * amount),
            'w' => TimeSpan.FromDays(7 * amount),
            'd' => TimeSpan.FromDays(amount),
            'h' or 'H' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
    }

    [GeneratedRegex(@"^now(?<step>[+-][0-9]{1,9}[yMwdhHms])*(/[yMwdhHms])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Expression();
}
