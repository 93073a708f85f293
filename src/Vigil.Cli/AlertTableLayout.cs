using System.Text;
using Spectre.Console;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// Lays out a hunt's alerts as text lines that fit the terminal's width, with every value whole on
/// one line: an address, a user name or an action that wraps inside a table cell is copied wrong.
/// </summary>
/// <remarks>
/// The first layout that fits is used:
/// <list type="number">
/// <item>one row per alert with Time, Rule, Severity, User, Source and Action;</item>
/// <item>the same without Severity, which the summary's table of alerts per rule lists, and with
/// times to the second (CloudTrail records no fraction of a second, so the alert's is <c>.000</c>);</item>
/// <item>two lines per alert: Time, User, Source and Action, then the rule and its severity indented below;</item>
/// <item>a block per alert with one labelled value per line, where a value longer than its line is
/// shortened with an ellipsis.</item>
/// </list>
/// For the bundled samples the four layouts need 137, 122, 70 and 58 columns. Values are sanitized
/// and shortened to <see cref="MaxCellLength"/> before they are laid out.
/// </remarks>
internal static class AlertTableLayout
{
    /// <summary>Maximum length of a value in the table, so that a row stays readable. NDJSON output keeps the full values.</summary>
    public const int MaxCellLength = 64;

    private const string Indent = "  ";
    private const string Gap = "   ";
    private const string RuleIndent = "    ";
    private const int BlockLabelWidth = 9;
    private const string ZeroMilliseconds = ".000Z";

    private static readonly string[] Headers = ["Time", "Rule", "Severity", "User", "Source", "Action"];

    /// <summary>
    /// Returns the lines that show <paramref name="rows"/> in at most <paramref name="width"/> columns,
    /// unless the width is less than a block's label and one character.
    /// </summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<AlertRow> rows, int width)
    {
        var cells = rows.Select(Sanitized).ToList();
        var full = cells.Select(row => new[] { row.Time, row.Rule, row.Severity, row.User, row.Source, row.Action }).ToList();
        if (TryTable(Headers, full, width) is { } wide)
        {
            return wide;
        }

        var withoutSeverity = cells
            .Select(row => new[] { ShortTime(row.Time), row.Rule, row.User, row.Source, row.Action })
            .ToList();
        if (TryTable(["Time", "Rule", "User", "Source", "Action"], withoutSeverity, width) is { } narrower)
        {
            return narrower;
        }

        return TryTwoLineRows(cells, width) ?? Blocks(cells, width);
    }

    private static AlertRow Sanitized(AlertRow row) => new(
        Cell(row.Time),
        Cell(row.Rule),
        Cell(row.Severity),
        Cell(row.User),
        Cell(row.Source),
        Cell(row.Action));

    internal static string Cell(string value) => TerminalValue.Truncate(TerminalText.Sanitize(value), MaxCellLength);

    private static string ShortTime(string time) =>
        time.EndsWith(ZeroMilliseconds, StringComparison.Ordinal) ? string.Concat(time.AsSpan(0, time.Length - ZeroMilliseconds.Length), "Z") : time;

    /// <summary>Returns a table of one line per row, or null when it is wider than <paramref name="width"/>.</summary>
    private static List<string>? TryTable(string[] headers, List<string[]> rows, int width)
    {
        var widths = ColumnWidths(headers, rows);
        var tableWidth = TableWidth(widths);
        if (tableWidth > width)
        {
            return null;
        }

        var lines = new List<string> { "", Row(headers, widths), new('─', tableWidth) };
        lines.AddRange(rows.Select(row => Row(row, widths)));
        lines.Add("");
        return lines;
    }

    /// <summary>
    /// Returns a table of Time, User, Source and Action with each alert's rule and severity on the
    /// line below it, or null when a line is wider than <paramref name="width"/>.
    /// </summary>
    private static List<string>? TryTwoLineRows(List<AlertRow> cells, int width)
    {
        string[] headers = ["Time", "User", "Source", "Action"];
        var rows = cells.Select(row => new[] { ShortTime(row.Time), row.User, row.Source, row.Action }).ToList();
        var rules = cells.Select(row => RuleIndent + RuleAndSeverity(row)).ToList();
        var widths = ColumnWidths(headers, rows);
        var tableWidth = TableWidth(widths);
        if (tableWidth > width || rules.Any(rule => rule.GetCellWidth() > width))
        {
            return null;
        }

        var lines = new List<string> { "", Row(headers, widths), RuleIndent + "Rule (Severity)", new('─', tableWidth) };
        for (var i = 0; i < rows.Count; i++)
        {
            lines.Add(Row(rows[i], widths));
            lines.Add(rules[i]);
        }

        lines.Add("");
        return lines;
    }

    /// <summary>
    /// Returns one block per alert with each value after its label. A value too wide for that goes on
    /// the next line by itself, and one wider than <paramref name="width"/> is shortened.
    /// </summary>
    private static List<string> Blocks(List<AlertRow> cells, int width)
    {
        var room = Math.Max(1, width - BlockLabelWidth);
        var lines = new List<string>();
        foreach (var row in cells)
        {
            lines.Add("");
            string[] values = [ShortTime(row.Time), row.Rule, row.Severity, row.User, row.Source, row.Action];
            for (var i = 0; i < Headers.Length; i++)
            {
                var value = values[i];
                if (value.GetCellWidth() > room && value.GetCellWidth() <= width)
                {
                    lines.Add(Headers[i]);
                    lines.Add(value);
                    continue;
                }

                lines.Add(Headers[i].PadRight(BlockLabelWidth) + TerminalValue.Shorten(value, room));
            }
        }

        lines.Add("");
        return lines;
    }

    private static string RuleAndSeverity(AlertRow row) => row.Severity.Length == 0 ? row.Rule : $"{row.Rule} ({row.Severity})";

    private static int[] ColumnWidths(string[] headers, List<string[]> rows)
    {
        var widths = headers.Select(header => header.GetCellWidth()).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].GetCellWidth());
            }
        }

        return widths;
    }

    // Laid out as Spectre's simple border lays out a table: two spaces at each edge, three between columns.
    private static int TableWidth(int[] widths) => (2 * Indent.Length) + widths.Sum() + (Gap.Length * (widths.Length - 1));

    private static string Row(string[] values, int[] widths)
    {
        var line = new StringBuilder(Indent);
        for (var i = 0; i < values.Length; i++)
        {
            line.Append(values[i]);
            if (i < values.Length - 1)
            {
                line.Append(' ', widths[i] - values[i].GetCellWidth()).Append(Gap);
            }
        }

        return line.ToString();
    }
}
