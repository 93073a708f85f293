using System.Text;
using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// Reads and writes the Markdown layout of Elastic's prebuilt-rule documentation pages: the title,
/// the description, <c>**Key**: value</c> lines and bullet lists for the rule fields, a
/// <c>## Rule query</c> code block and the MITRE ATT&amp;CK framework bullets.
/// </summary>
/// <remarks>
/// The pages show no <c>rule_id</c>, so a rule read from a page gets a name-based UUID derived from
/// its title. Fields the pages leave out (<c>timestamp_override</c>, <c>note</c>, metadata) are
/// absent from the rule.
/// </remarks>
public static partial class DocsPageMarkdown
{
    private const string QueryHeading = "## Rule query";

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

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var table = new TomlTable();
        ReadTitleAndDescription(lines, table);
        ReadFields(lines, table);
        ReadQuery(lines, table);
        table["threat"] = DocsPageThreat.Read(lines);
        table["rule_id"] = NameBasedUuid.ForRuleId(table.TryGetValue("name", out var name) ? (string)name : file);

        var sink = new RuleErrorSink(file, () => PositionsOf(lines));
        rule = TomlRuleReader.Read(new TomlTable { ["rule"] = table }, file, sink);
        errors = sink.Errors;
        return rule is not null;
    }

    /// <summary>Returns a locator that maps query offsets to the lines of the page's query code block.</summary>
    internal static QueryLocator? LocateQuery(string text)
    {
        var heading = text.IndexOf(QueryHeading, StringComparison.Ordinal);
        var fence = heading < 0 ? -1 : text.IndexOf("```", heading, StringComparison.Ordinal);
        var start = fence < 0 ? -1 : text.IndexOf('\n', fence);
        return start < 0 ? null : QueryLocator.Verbatim(text, start + 1);
    }

    /// <summary>Writes the rule in the docs-page layout.</summary>
    public static string Write(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var page = new StringBuilder();
        page.Append("# ").Append(rule.Name).Append("\n\n").Append(rule.Description.Trim()).Append("\n\n");
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

        page.Append(QueryHeading).Append("\n\n```js\n").Append(rule.Query.Trim()).Append("\n```\n\n");
        DocsPageThreat.Write(page, rule.Threat);
        return page.ToString();
    }

    private static void ReadTitleAndDescription(string[] lines, TomlTable table)
    {
        var title = Array.FindIndex(lines, line => line.StartsWith("# ", StringComparison.Ordinal));
        if (title < 0)
        {
            return;
        }

        table["name"] = Anchor().Replace(lines[title][2..], "").Trim();
        var end = Array.FindIndex(lines, title + 1, line => line.StartsWith("**", StringComparison.Ordinal));
        var description = string.Join('\n', lines[(title + 1)..(end < 0 ? lines.Length : end)]).Trim();
        if (description.Length > 0)
        {
            table["description"] = description;
        }
    }

    private static void ReadFields(string[] lines, TomlTable table)
    {
        for (var i = 0; i < lines.Length; i++)
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

    private static void ReadQuery(string[] lines, TomlTable table)
    {
        var heading = Array.FindIndex(lines, line => line.StartsWith(QueryHeading, StringComparison.Ordinal));
        var open = heading < 0 ? -1 : Array.FindIndex(lines, heading, line => line.StartsWith("```", StringComparison.Ordinal));
        var close = open < 0 ? -1 : Array.FindIndex(lines, open + 1, line => line.StartsWith("```", StringComparison.Ordinal));
        if (close > open)
        {
            table["query"] = string.Join('\n', lines[(open + 1)..close]) + "\n";
        }
    }

    /// <summary>Positions of the field lines, so that errors name the page line.</summary>
    private static TomlKeyPositions PositionsOf(string[] lines)
    {
        var positions = TomlKeyPositions.Empty();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = FieldLine().Match(lines[i]);
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
