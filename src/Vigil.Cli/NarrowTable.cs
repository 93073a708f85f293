using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// Decides whether a table of short values fits the terminal, and writes it as blocks of labelled
/// lines when it does not. A squeezed table wraps values inside their cells, so an address or a
/// name copied from it is wrong, and a column narrower than its values shows nothing.
/// </summary>
internal static class NarrowTable
{
    /// <summary>Returns the columns a table needs to show every cell on one line, laid out with a rounded border.</summary>
    public static int Width(IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var widths = headers.Select(header => header.GetCellWidth()).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].GetCellWidth());
            }
        }

        // A border column at each edge and between columns, and a space of padding on each side of a cell.
        return widths.Sum() + (3 * widths.Length) + 1;
    }

    /// <summary>
    /// Writes each row as a block of lines, each value after its header, or on the line below the
    /// header when the two do not fit <paramref name="width"/> together, so that no value wraps.
    /// </summary>
    public static void WriteBlocks(TextWriter output, IReadOnlyList<string> headers, IEnumerable<string[]> rows, int width)
    {
        var labelWidth = headers.Max(header => header.Length) + 2;
        foreach (var row in rows)
        {
            output.WriteLine();
            for (var i = 0; i < headers.Count; i++)
            {
                var line = headers[i].PadRight(labelWidth) + row[i];
                if (line.GetCellWidth() <= width)
                {
                    output.WriteLine(line);
                    continue;
                }

                output.WriteLine(headers[i]);
                output.WriteLine(row[i]);
            }
        }
    }
}
