using Vigil.Detect.Rules;

namespace Vigil.Cli;

/// <summary>Names the TOML files of <c>vigil rules convert --to toml</c> so that no rule overwrites another.</summary>
internal static class RulesTomlFileNames
{
    /// <summary>
    /// Returns the rule's source file name, or its rule_id; when taken, adds the version, then a
    /// counter. The name is added to <paramref name="taken"/>, which compares ignoring case because
    /// Windows and macOS file systems do.
    /// </summary>
    public static string Unique(DetectionRule rule, ISet<string> taken)
    {
        var stem = Path.GetFileNameWithoutExtension(BaseName(rule));
        var candidate = stem + ".toml";
        if (taken.Add(candidate))
        {
            return candidate;
        }

        var versioned = $"{stem}-v{rule.Version}";
        candidate = versioned + ".toml";
        for (var counter = 2; !taken.Add(candidate); counter++)
        {
            candidate = $"{versioned}-{counter}.toml";
        }

        return candidate;
    }

    /// <summary>A rule read from TOML keeps its file name; others are named by rule_id, which may hold any character.</summary>
    private static string BaseName(DetectionRule rule) =>
        rule.SourcePath is { } source && source.EndsWith(".toml", StringComparison.OrdinalIgnoreCase)
            ? Path.GetFileName(source)
            : SafeName(rule.RuleId) + ".toml";

    /// <summary>Keeps a rule_id such as <c>../x</c> inside the output folder.</summary>
    private static string SafeName(string ruleId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var name = new string(ruleId.Select(character => invalid.Contains(character) || character is '/' or '\\' ? '_' : character).ToArray());
        return name.Trim('.').Length == 0 ? "rule" : name;
    }
}
