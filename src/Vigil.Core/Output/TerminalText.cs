using System.Globalization;
using System.Text;

namespace Vigil.Output;

/// <summary>
/// Makes untrusted text safe to print on a terminal: CloudTrail values are attacker-controlled, and an
/// ESC or other control character in them could rewrite the screen or the title bar.
/// </summary>
public static class TerminalText
{
    /// <summary>Replaces every control, format and line or paragraph separator character with a visible <c>\uXXXX</c> escape.</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        if (!NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    // Format characters include the bidirectional overrides (U+202E) that can disguise text. Terminals
    // may break lines at U+2028 and U+2029, so a value could otherwise print a forged table row.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
