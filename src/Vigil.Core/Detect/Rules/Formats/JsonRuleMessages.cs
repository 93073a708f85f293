using System.Text.RegularExpressions;

namespace Vigil.Detect.Rules.Formats;

/// <summary>
/// Rewords the loader's errors, which name TOML paths and tables, for a rule read from Kibana JSON:
/// <c>rule.risk_score</c> becomes <c>$.risk_score</c>, <c>add name = "x"</c> becomes
/// <c>add "name": "x"</c>, and a TOML table becomes the JSON object at its path.
/// </summary>
internal static partial class JsonRuleMessages
{
    public static string Reword(string message)
    {
        var json = message.Replace("rule.", "$.", StringComparison.Ordinal).Replace(" to the [rule] table", "", StringComparison.Ordinal);
        json = MissingField().Replace(json, "missing required field ${parent}.${key}: add ${fix} to the object at ${parent}");
        json = MissingTable().Replace(json, "missing object ${path}: add a \"${key}\" object with ${fields} to each object of ${parent}");
        return TomlAssignment().Replace(json, "add \"$1\": ").Replace("'''...'''", "\"...\"", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^missing required field (?<parent>\$[^\s:]*)\.(?<key>[A-Za-z_]+): add (?<fix>.+) to the \[[^\]]+\] table$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingField();

    [GeneratedRegex(@"^missing table (?<path>\$[^\s:]*): add a \[[^\]]*\.(?<key>[A-Za-z_]+)\] table with (?<fields>.+) to each \[\[(?<parent>[^\]]+)\]\]$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingTable();

    [GeneratedRegex(@"\badd ([A-Za-z_]+) = ", RegexOptions.CultureInvariant)]
    private static partial Regex TomlAssignment();
}
