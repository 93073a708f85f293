using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// The shortening of a value that <see cref="Vigil.Output.TerminalText.Sanitize"/> escaped, for the
/// tables and blocks that show alerts. A shortened value ends with an ellipsis.
/// </summary>
internal static class TerminalValue
{
    /// <summary>
    /// Returns <paramref name="value"/> whole when it takes at most <paramref name="maxColumns"/>
    /// columns, or else cut to fit them with a closing ellipsis. No <c>\uXXXX</c> escape, surrogate
    /// pair or combined character is split.
    /// </summary>
    public static string Shorten(string value, int maxColumns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColumns, 1);

        if (value.GetCellWidth() <= maxColumns)
        {
            return value;
        }

        // The ellipsis takes one of the columns.
        var cut = 0;
        var used = 0;
        var elements = StringInfo.GetTextElementEnumerator(value);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            used += element.GetCellWidth();
            if (used > maxColumns - 1)
            {
                break;
            }

            cut += element.Length;
        }

        var length = CutBefore(value, cut);
        return new StringBuilder(value, 0, length, length + 1).Append('…').ToString();
    }

    /// <summary>
    /// Returns <paramref name="value"/> whole when it has at most <paramref name="maxLength"/>
    /// characters, or else its start and an ellipsis in that many. No <c>\uXXXX</c> escape or
    /// surrogate pair is split.
    /// </summary>
    public static string Truncate(string value, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);

        return value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, CutBefore(value, maxLength - 1)), "…");
    }

    /// <summary>
    /// Returns where to cut <paramref name="text"/> at or before <paramref name="cut"/>, so that no
    /// <c>\uXXXX</c> escape and no surrogate pair is split. Half an escape such as <c>\u202</c> could
    /// be a line separator or a right-to-left override, which mean different things to a reader.
    /// </summary>
    internal static int CutBefore(string text, int cut)
    {
        if (cut == 0)
        {
            return 0;
        }

        const int EscapeLength = 6;
        var backslash = text.LastIndexOf('\\', cut - 1, Math.Min(cut, EscapeLength - 1));
        if (backslash >= 0 && backslash + 1 < text.Length && text[backslash + 1] == 'u' && backslash + EscapeLength > cut)
        {
            return backslash;
        }

        return char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut;
    }
}
