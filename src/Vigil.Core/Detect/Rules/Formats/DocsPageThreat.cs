using System.Text;
using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// The MITRE ATT&amp;CK bullets of a docs page: <c>* Tactic:</c>, <c>* Technique:</c> and
/// <c>* Sub-technique:</c>, each followed by indented Name, ID and Reference URL bullets. A
/// technique belongs to the tactic above it, a sub-technique to the technique above it.
/// </summary>
internal static partial class DocsPageThreat
{
    public static TomlTableArray Read(string[] lines)
    {
        var threat = new TomlTableArray();
        TomlTable? technique = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var kind = lines[i].Trim();
            if (kind is not ("* Tactic:" or "* Technique:" or "* Sub-technique:"))
            {
                continue;
            }

            var entry = ReadEntry(lines, i + 1);
            if (kind == "* Tactic:")
            {
                threat.Add(new TomlTable { ["framework"] = "MITRE ATT&CK", ["tactic"] = entry });
                technique = null;
            }
            else if (kind == "* Technique:" && threat.Count > 0)
            {
                technique = entry;
                Children(threat[^1], "technique").Add(entry);
            }
            else if (technique is not null)
            {
                Children(technique, "subtechnique").Add(entry);
            }
        }

        return threat;
    }

    public static void Write(StringBuilder page, IReadOnlyList<ThreatMapping> threat)
    {
        if (threat.Count == 0)
        {
            return;
        }

        page.Append("**Framework**: MITRE ATT&CKTM\n\n");
        foreach (var mapping in threat)
        {
            Entry(page, "Tactic", mapping.Tactic.Name, mapping.Tactic.Id, mapping.Tactic.Reference);
            foreach (var technique in mapping.Techniques)
            {
                Entry(page, "Technique", technique.Name, technique.Id, technique.Reference);
                foreach (var subtechnique in technique.Subtechniques)
                {
                    Entry(page, "Sub-technique", subtechnique.Name, subtechnique.Id, subtechnique.Reference);
                }
            }
        }
    }

    private static TomlTableArray Children(TomlTable parent, string key)
    {
        if (!parent.TryGetValue(key, out var value))
        {
            value = new TomlTableArray();
            parent[key] = value;
        }

        return (TomlTableArray)value;
    }

    private static TomlTable ReadEntry(string[] lines, int start)
    {
        var entry = new TomlTable();
        for (var i = start; i < lines.Length && !lines[i].StartsWith("* ", StringComparison.Ordinal); i++)
        {
            var match = Property().Match(lines[i]);
            if (match.Success)
            {
                var value = match.Groups["value"].Value.Trim();
                var link = Link().Match(value);
                entry[Key(match.Groups["key"].Value)] = link.Success ? link.Groups["text"].Value : value;
            }
        }

        return entry;
    }

    private static string Key(string label) => label switch
    {
        "Name" => "name",
        "ID" => "id",
        _ => "reference",
    };

    private static void Entry(StringBuilder page, string kind, string name, string id, string reference) =>
        page.Append("* ").Append(kind).Append(":\n\n")
            .Append("    * Name: ").Append(name).Append('\n')
            .Append("    * ID: ").Append(id).Append('\n')
            .Append("    * Reference URL: [").Append(reference).Append("](").Append(reference).Append(")\n\n");

    [GeneratedRegex(@"^\s+\* (?<key>Name|ID|Reference URL): (?<value>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Property();

    [GeneratedRegex(@"^\[(?<text>[^\]]*)\]\([^)]*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
