using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>The shortening of a value that <see cref="Vigil.Output.TerminalText.Sanitize"/> escaped, for the block layout.</summary>
internal static class TerminalValue
{
    /// <summary>
    /// Returns <paramref name="value"/> whole when it takes at most <paramref name="maxColumns"/>
    /// columns, or else cut to fit them with a closing ellipsis. No <c>\uXXXX</c> escape, surrogate
    /// pair or combined character is split.
    /// </summary>
    public static string Shorten(string value, int maxColumns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColumns, 2);

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

        var length = cut == 0 ? 0 : AlertTableLayout.CutBefore(value, cut);
        return new StringBuilder(value, 0, length, length + 1).Append('…').ToString();
    }
}
