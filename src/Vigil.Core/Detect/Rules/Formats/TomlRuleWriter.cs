using System.Diagnostics.CodeAnalysis;
using Tomlyn;

namespace Vigil.Detect.Rules.Formats;

/// <summary>Writes a rule as a detection-rules TOML file: <c>[metadata]</c>, then <c>[rule]</c> with its nested tables.</summary>
public static class TomlRuleWriter
{
    /// <summary>
    /// The keys that the Kibana JSON of a rule always sets, with Kibana's default or an empty list
    /// when the rule file leaves them out. The TOML of such a rule leaves them out too.
    /// </summary>
    private static readonly string[] DefaultedKeys =
    [
        "version", "from", "to", "max_signals", "interval", "language", "index", "tags", "references",
        "author", "false_positives",
    ];

    /// <summary>Returns the rule as TOML text that <see cref="RuleLoader.ParseToml"/> reads back to the same rule.</summary>
    /// <remarks>
    /// The saved-object id is left out because the loader derives it from <c>rule_id</c>, and
    /// <c>enabled</c> is written only when false, its default being true. A key with a default,
    /// such as <c>from</c>, is written only when the rule's source file sets it. Kibana's saved-object
    /// state (<c>created_at</c>, <c>immutable</c>, <c>execution_summary</c> and the like) is left out
    /// too, because detection-rules' schema, and so the loader, rejects those keys in TOML.
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The target is TomlTable, Tomlyn's own model, which needs no reflection over other types; rules load and write the same in a native build.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The target is TomlTable, Tomlyn's own model, which needs no reflection over other types; rules load and write the same in a native build.")]
    public static string Write(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var document = KibanaRuleReader.ToDocument(KibanaRuleJson.Write(rule), out _);
        var ruleTable = (Tomlyn.Model.TomlTable)document["rule"];
        if (rule.Enabled)
        {
            ruleTable.Remove("enabled");
        }

        // NOTE: this drops a rule's alerts-index namespace, which detection-rules TOML cannot hold.
        foreach (var key in KnownRuleKeys.KibanaOnly)
        {
            ruleTable.Remove(key);
        }

        foreach (var key in DefaultedKeys.Where(key => rule.SourceKeys is { } set && !set.Contains(key)))
        {
            ruleTable.Remove(key);
        }

        return TomlSerializer.Serialize(document);
    }
}
