using System.Text;
using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// Reads and writes the Markdown layout of Elastic's prebuilt-rule documentation pages: the title,
/// the description, <c>**Key**: value</c> lines and bullet lists for the rule fields, the
/// <c>note</c> under <c>## Investigation guide</c>, the <c>setup</c> under <c>## Setup</c>, a
/// <c>## Rule query</c> code block and the MITRE ATT&amp;CK framework bullets.
/// <see cref="DocsPageLayout"/> finds the parts.
/// </summary>
/// <remarks>
/// The pages show no <c>rule_id</c>, so a rule read from a page gets a name-based UUID derived from
/// its title. Fields the pages leave out (<c>false_positives</c>, filters, exception lists,
/// metadata) are absent from the rule. The writer adds <c>timestamp_override</c>, which Elastic's
/// pages leave out.
/// </remarks>
public static partial class DocsPageMarkdown
{
    private static readonly Dictionary<string, string> ScalarFields = new(StringComparer.Ordinal)
    {
        ["Rule type"] = "type",
        ["Severity"] = "severity",
        ["Risk score"] = "risk_score",
        ["Runs every"] = "interval",
        ["Searches indices from"] = "from",
        ["Maximum alerts per execution"] = "max_signals",
        ["Version"] = "version",
        ["Rule license"] = "license",
        ["Timestamp override"] = "timestamp_override",
    };

    private static readonly Dictionary<string, string> ListFields = new(StringComparer.Ordinal)
    {
        ["Rule indices"] = "index",
        ["References"] = "references",
        ["Tags"] = "tags",
        ["Rule authors"] = "author",
    };

    /// <summary>Reads the rule of a docs page. Returns false, with errors naming the file and line, when the page is not a valid rule.</summary>
    public static bool TryRead(string text, string file, out DetectionRule? rule, out IReadOnlyList<RuleLoadError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);

        var layout = DocsPageLayout.Find(text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), IsFieldLine);
        if (layout.Repeated.Count > 0)
        {
            rule = null;
            errors = [.. layout.Repeated.Select(repeated => RepeatedSection(file, repeated))];
            return false;
        }

        var table = new TomlTable();
        ReadTitleAndDescription(layout, table);
        ReadFields(layout, table);
        AddText(table, "note", layout.Text(layout.Section(DocsPageLayout.GuideHeading)));
        AddText(table, "setup", layout.Text(layout.Section(DocsPageLayout.SetupHeading)));
        var threatStart = ReadQuery(layout, table);
        table["threat"] = DocsPageThreat.Read(layout.Lines[threatStart..]);
        table["rule_id"] = NameBasedUuid.ForRuleId(table.TryGetValue("name", out var name) ? (string)name : file);

        var sink = new RuleErrorSink(file, () => PositionsOf(layout));
        rule = TomlRuleReader.Read(new TomlTable { ["rule"] = table }, file, sink);
        errors = sink.Errors;
        return rule is not null;
    }

    /// <summary>True for a <c>**Label**: value</c> line of a field the pages show, such as <c>**Severity**: low</c>.</summary>
    internal static bool IsFieldLine(string line)
    {
        var match = FieldLine().Match(line);
        return match.Success && (ScalarFields.ContainsKey(match.Groups["label"].Value) || ListFields.ContainsKey(match.Groups["label"].Value));
    }

    /// <summary>Returns a locator that maps query offsets to the lines of the page's query code block.</summary>
    internal static QueryLocator? LocateQuery(string text)
    {
        var layout = DocsPageLayout.Find(text.Split('\n'), IsFieldLine);
        if (QueryBlock(layout) is not { } block)
        {
            return null;
        }

        var start = layout.Lines[..block.Start].Sum(line => line.Length + 1);
        return QueryLocator.Verbatim(text, start);
    }

    /// <summary>Writes the rule in the docs-page layout, escaping each line of free text that would be read as a field or a section.</summary>
    public static string Write(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var page = new StringBuilder();
        page.Append("# ").Append(Title(rule)).Append("\n\n").Append(Escape(rule.Description)).Append("\n\n");
        Field(page, "Rule type", rule.Type);
        List(page, "Rule indices", rule.Index);
        Field(page, "Severity", rule.Severity);
        Field(page, "Risk score", rule.RiskScore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(page, "Runs every", rule.Interval);
        Field(page, "Searches indices from", rule.From);
        Field(page, "Maximum alerts per execution", rule.MaxSignals.ToString(System.Globalization.CultureInfo.InvariantCulture));
        List(page, "References", rule.References.Select(reference => $"[{reference}]({reference})").ToList());
        List(page, "Tags", rule.Tags);
        Field(page, "Version", rule.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        List(page, "Rule authors", rule.Author);
        if (rule.License is { } license)
        {
            Field(page, "Rule license", license);
        }

        // Elastic's pages leave it out, but it decides which time field each window reads.
        if (rule.TimestampOverride is { } timestampOverride)
        {
            Field(page, "Timestamp override", timestampOverride);
        }

        Section(page, DocsPageLayout.GuideHeading, rule.Note);
        Section(page, DocsPageLayout.SetupHeading, rule.Setup);
        var fence = Fence(rule.Query);
        page.Append(DocsPageLayout.QueryHeading).Append("\n\n").Append(fence).Append("js\n").Append(rule.Query.Trim()).Append('\n').Append(fence).Append("\n\n");
        DocsPageThreat.Write(page, rule.Threat);
        return page.ToString();
    }

    /// <summary>
    /// Returns the rule's name for the title line. A name that ends in brackets gets an anchor
    /// after it, because the reader takes the last bracketed word of a title for the page's anchor.
    /// </summary>
    private static string Title(DetectionRule rule) => Anchor().IsMatch(rule.Name) ? $"{rule.Name} [{rule.RuleId}]" : rule.Name;

    private static string Escape(string text) => DocsPageLayout.Escape(text.Trim(), IsFieldLine);

    private static void Section(StringBuilder page, string heading, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        page.Append(heading).Append("\n\n").Append(Escape(text)).Append("\n\n");
    }

    /// <summary>Returns a code fence longer than any run of backticks that starts a line of the query, so no query line closes it.</summary>
    private static string Fence(string query)
    {
        var longest = query.Split('\n').Select(line => line.TrimStart().TakeWhile(c => c == '`').Count()).DefaultIfEmpty(0).Max();
        return new string('`', Math.Max(3, longest + 1));
    }

    private static RuleLoadError RepeatedSection(string file, (string Heading, int First, int Second) repeated) =>
        new(file, repeated.Second, 1, $"the page has two {repeated.Heading} sections, at lines {repeated.First} and {repeated.Second}, and a docs page has one; remove one, or write a line of text that starts with {repeated.Heading} as \\{repeated.Heading}");

    private static void ReadTitleAndDescription(DocsPageLayout layout, TomlTable table)
    {
        if (layout.Title < 0)
        {
            return;
        }

        table["name"] = Anchor().Replace(layout.Lines[layout.Title][2..], "").Trim();
        AddText(table, "description", layout.Text(layout.Description));
    }

    private static void AddText(TomlTable table, string key, string? text)
    {
        if (text is not null)
        {
            table[key] = text;
        }
    }

    private static void ReadFields(DocsPageLayout layout, TomlTable table)
    {
        var lines = layout.Lines;
        var (start, length) = layout.Fields.GetOffsetAndLength(lines.Length);
        for (var i = start; i < start + length; i++)
        {
            var match = FieldLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var label = match.Groups["label"].Value;
            var value = match.Groups["value"].Value.Trim();
            if (ScalarFields.TryGetValue(label, out var key))
            {
                AddScalar(table, key, value);
            }
            else if (ListFields.TryGetValue(label, out var listKey))
            {
                table[listKey] = Bullets(lines, i + 1);
            }
        }
    }

    private static void AddScalar(TomlTable table, string key, string value)
    {
        var first = value.Split(' ', 2)[0];
        if (key == "from" && first == "None")
        {
            return;
        }

        table[key] = key is "risk_score" or "max_signals" or "version" && long.TryParse(first, out var number)
            ? number
            : key == "license" ? value : first;
    }

    /// <summary>Returns the <c>* item</c> lines after a field line, with Markdown links reduced to their text.</summary>
    private static TomlArray Bullets(string[] lines, int start)
    {
        var items = new TomlArray();
        for (var i = start; i < lines.Length && (lines[i].Trim().Length == 0 || lines[i].StartsWith("* ", StringComparison.Ordinal)); i++)
        {
            if (lines[i].StartsWith("* ", StringComparison.Ordinal))
            {
                var item = lines[i][2..].Trim();
                var link = Link().Match(item);
                items.Add(link.Success ? link.Groups["text"].Value : item);
            }
        }

        return items;
    }

    /// <summary>Reads the query's code block into <paramref name="table"/>, and returns the index of the first line after it.</summary>
    private static int ReadQuery(DocsPageLayout layout, TomlTable table)
    {
        if (QueryBlock(layout) is not { } block)
        {
            return layout.Section(DocsPageLayout.QueryHeading)?.End.GetOffset(layout.Lines.Length) ?? layout.Lines.Length;
        }

        table["query"] = string.Join('\n', layout.Lines[block]) + "\n";
        return block.End.Value + 1;
    }

    /// <summary>
    /// Returns the lines inside the first code block of the <c>## Rule query</c> section, or null. As
    /// in CommonMark, the block ends at a line of at least as many backticks as opened it.
    /// </summary>
    private static Range? QueryBlock(DocsPageLayout layout)
    {
        if (layout.Section(DocsPageLayout.QueryHeading) is not { } section)
        {
            return null;
        }

        var lines = layout.Lines;
        var (start, length) = section.GetOffsetAndLength(lines.Length);
        var open = Array.FindIndex(lines, start, length, line => line.StartsWith("```", StringComparison.Ordinal));
        if (open < 0)
        {
            return null;
        }

        var fence = lines[open].TakeWhile(c => c == '`').Count();
        var close = Array.FindIndex(lines, open + 1, line => line.Trim().Length >= fence && line.Trim().All(c => c == '`'));
        return close < 0 ? null : (open + 1)..close;
    }

    /// <summary>Positions of the field lines, so that errors name the page line.</summary>
    private static TomlKeyPositions PositionsOf(DocsPageLayout layout)
    {
        var positions = TomlKeyPositions.Empty();
        var (start, length) = layout.Fields.GetOffsetAndLength(layout.Lines.Length);
        for (var i = start; i < start + length; i++)
        {
            var match = FieldLine().Match(layout.Lines[i]);
            var label = match.Groups["label"].Value;
            if (match.Success && (ScalarFields.TryGetValue(label, out var key) || ListFields.TryGetValue(label, out key)))
            {
                positions.Add("rule." + key, i + 1, 1);
            }
        }

        return positions;
    }

    private static void Field(StringBuilder page, string label, string value) =>
        page.Append("**").Append(label).Append("**: ").Append(value).Append("\n\n");

    private static void List(StringBuilder page, string label, IReadOnlyList<string> items)
    {
        page.Append("**").Append(label).Append("**:\n\n");
        foreach (var item in items)
        {
            page.Append("* ").Append(item).Append('\n');
        }

        page.Append('\n');
    }

    [GeneratedRegex(@"\s*\[[^\]]*\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"^\*\*(?<label>[^*]+)\*\*:(?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^\[(?<text>[^\]]*)\]\([^)]*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
