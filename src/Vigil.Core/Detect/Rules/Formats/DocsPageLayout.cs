namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// Where each part of a docs page is, in page order: the <c># title</c>, the description, the
/// <c>**Field**: value</c> lines, then the sections under <c>## Investigation guide</c>,
/// <c>## Setup</c> and <c>## Rule query</c>, and the MITRE ATT&amp;CK bullets after the query's
/// code block. Free text (description, guide, setup) escapes a line that would be read as a field
/// line or a section heading with a leading backslash, which Markdown renders as nothing.
/// </summary>
internal sealed class DocsPageLayout
{
    public const string GuideHeading = "## Investigation guide";
    public const string SetupHeading = "## Setup";
    public const string QueryHeading = "## Rule query";

    private static readonly string[] Headings = [GuideHeading, SetupHeading, QueryHeading];

    private readonly Dictionary<string, (int Heading, int End)> _sections = new(StringComparer.Ordinal);

    private readonly Func<string, bool> _isFieldLine;

    private DocsPageLayout(string[] lines, Func<string, bool> isFieldLine)
    {
        Lines = lines;
        _isFieldLine = isFieldLine;
    }

    /// <summary>The page's lines, without line breaks.</summary>
    public string[] Lines { get; }

    /// <summary>The index of the title line, or -1.</summary>
    public int Title { get; private set; } = -1;

    /// <summary>The description's lines: after the title, before the first field line or section.</summary>
    public Range Description { get; private set; }

    /// <summary>The field lines with their bullet lists: after the description, before the first section.</summary>
    public Range Fields { get; private set; }

    /// <summary>Each section heading that appears twice, with the 1-based lines of its first two headings.</summary>
    public IReadOnlyList<(string Heading, int First, int Second)> Repeated { get; private set; } = [];

    /// <summary>Finds the parts of <paramref name="lines"/>; <paramref name="isFieldLine"/> returns true for a known field line.</summary>
    public static DocsPageLayout Find(string[] lines, Func<string, bool> isFieldLine)
    {
        var layout = new DocsPageLayout(lines, isFieldLine);
        layout.Title = Array.FindIndex(lines, line => line.StartsWith("# ", StringComparison.Ordinal));
        var firstSection = layout.FindSections(layout.Title + 1);
        var firstField = Array.FindIndex(lines, layout.Title + 1, line => isFieldLine(line));
        var descriptionEnd = firstField >= 0 && firstField < firstSection ? firstField : firstSection;
        layout.Description = (layout.Title + 1)..descriptionEnd;
        layout.Fields = descriptionEnd..firstSection;
        return layout;
    }

    /// <summary>True when <paramref name="line"/> starts a section: a heading as written, or followed by an anchor such as <c>[_rule_query_1492]</c>.</summary>
    public static bool IsHeading(string line)
    {
        var text = line.TrimEnd();
        return Headings.Any(heading => text == heading || text.StartsWith(heading + " [", StringComparison.Ordinal));
    }

    /// <summary>
    /// Returns the lines of the section under <paramref name="heading"/>, without the heading, or
    /// null when the page has no such section.
    /// </summary>
    public Range? Section(string heading) =>
        _sections.TryGetValue(heading, out var section) ? (section.Heading + 1)..section.End : null;

    /// <summary>Returns the lines of <paramref name="range"/> as text, each escaped line unescaped, without surrounding blank lines.</summary>
    public string? Text(Range? range)
    {
        if (range is not { } lines)
        {
            return null;
        }

        var text = string.Join('\n', Lines[lines].Select(Unescape)).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Returns <paramref name="text"/> with a backslash before each line that would be read as
    /// structure, and before each line whose backslashes hide such a line, so <see cref="Text"/>
    /// reads back the text as given.
    /// </summary>
    public static string Escape(string text, Func<string, bool> isFieldLine) =>
        string.Join('\n', text.Split('\n').Select(line => IsStructural(line.TrimStart('\\'), isFieldLine) ? "\\" + line : line));

    private static bool IsStructural(string line, Func<string, bool> isFieldLine) => IsHeading(line) || isFieldLine(line);

    private string Unescape(string line) =>
        line.StartsWith('\\') && IsStructural(line.TrimStart('\\'), _isFieldLine) ? line[1..] : line;

    /// <summary>Records the sections from <paramref name="start"/> on and returns the index of the first heading, or the line count.</summary>
    private int FindSections(int start)
    {
        var headings = Enumerable.Range(start, Math.Max(0, Lines.Length - start)).Where(index => IsHeading(Lines[index])).ToList();
        var repeated = new List<(string, int, int)>();
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = Headings.First(name => Lines[headings[i]].StartsWith(name, StringComparison.Ordinal));
            var end = i + 1 < headings.Count ? headings[i + 1] : Lines.Length;
            if (!_sections.TryAdd(heading, (headings[i], end)))
            {
                repeated.Add((heading, _sections[heading].Heading + 1, headings[i] + 1));
            }
        }

        Repeated = repeated;
        return headings.Count > 0 ? headings[0] : Lines.Length;
    }
}
