using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules;

/// <summary>
/// A detection rule in Kibana's model: the fields of a detection-rules TOML file's <c>[rule]</c>
/// table (Kibana API names in snake case), with Kibana's defaults applied where the file leaves a
/// field out.
/// </summary>
public sealed class DetectionRule
{
    /// <summary>The stable signature id (<c>rule_id</c>), the same in every space and install.</summary>
    public required string RuleId { get; init; }

    /// <summary>
    /// The saved-object id (Kibana's <c>id</c>, written to alerts as <c>kibana.alert.rule.uuid</c>).
    /// Loaded rules get a name-based UUID derived from <see cref="RuleId"/>, so alerts of a hunt are
    /// stable from run to run.
    /// </summary>
    public required string Uuid { get => _uuid; init => _uuid = value; }

    private string _uuid = "";

    /// <summary>The rule name, shown as the alert's rule name and in the reason text.</summary>
    public required string Name { get; init; }

    /// <summary>The rule description.</summary>
    public required string Description { get; init; }

    /// <summary>
    /// The rule type: <c>query</c>, <c>saved_query</c>, <c>eql</c>, <c>esql</c>, <c>threshold</c>,
    /// <c>new_terms</c>, <c>threat_match</c> or <c>machine_learning</c>.
    /// </summary>
    public required string Type { get; init; }

    /// <summary>
    /// The query language: <c>kuery</c>, <c>lucene</c>, <c>eql</c> or <c>esql</c>; null for
    /// machine-learning rules. Defaults to the type's language (<c>kuery</c> for query rules).
    /// </summary>
    public string? Language { get; init; }

    /// <summary>The query text; empty for a filter-only query rule and for machine-learning rules.</summary>
    public string Query { get; init; } = "";

    /// <summary>Index patterns the rule searches; empty for ES|QL rules, which name them in <c>FROM</c>.</summary>
    public IReadOnlyList<string> Index { get; init; } = [];

    /// <summary>The severity: <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>The risk score, 0 to 100.</summary>
    public required int RiskScore { get; init; }

    /// <summary>The content version; detection-rules keeps it in a lock file, so TOML files rarely set it.</summary>
    public int Version { get; init; } = RuleDefaults.Version;

    /// <summary>True when the rule file sets <c>version</c>; false when <see cref="Version"/> is the default.</summary>
    public bool HasVersion { get; init; }

    /// <summary>The schedule interval, such as <c>5m</c>.</summary>
    public string Interval { get; init; } = RuleDefaults.Interval;

    /// <summary>The start of the search window as date math relative to the run start, such as <c>now-6m</c>.</summary>
    public string From { get; init; } = RuleDefaults.From;

    /// <summary>The end of the search window as date math.</summary>
    public string To { get; init; } = RuleDefaults.To;

    /// <summary>The maximum number of alerts one execution writes (<c>max_signals</c>).</summary>
    public int MaxSignals { get; init; } = RuleDefaults.MaxSignals;

    /// <summary>The rule tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Reference URLs.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The rule authors.</summary>
    public IReadOnlyList<string> Author { get; init; } = [];

    /// <summary>The rule licence, such as <c>Elastic License v2</c>.</summary>
    public string? License { get; init; }

    /// <summary>The MITRE ATT&amp;CK mapping, one entry per tactic.</summary>
    public IReadOnlyList<ThreatMapping> Threat { get; init; } = [];

    /// <summary>The field the time window is applied to in place of <c>@timestamp</c>, such as <c>event.ingested</c>.</summary>
    public string? TimestampOverride { get; init; }

    /// <summary>
    /// When true, documents without the <see cref="TimestampOverride"/> field are not matched through
    /// <c>@timestamp</c>.
    /// </summary>
    public bool TimestampOverrideFallbackDisabled { get; init; }

    /// <summary>The investigation guide (Markdown).</summary>
    public string? Note { get; init; }

    /// <summary>The setup guide (Markdown).</summary>
    public string? Setup { get; init; }

    /// <summary>Known false-positive sources.</summary>
    public IReadOnlyList<string> FalsePositives { get; init; } = [];

    /// <summary>
    /// Whether the rule runs. Detection-rules files rarely set it and Vigil runs every rule it loads,
    /// so it defaults to true (Kibana installs prebuilt rules disabled).
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>default</c> for a building-block rule, whose alerts Kibana hides by default; otherwise null.</summary>
    public string? BuildingBlockType { get; init; }

    /// <summary>A source field whose string value replaces the rule name in each alert.</summary>
    public string? RuleNameOverride { get; init; }

    /// <summary>The <c>[metadata]</c> table of a detection-rules file.</summary>
    public RuleMetadata Metadata { get => _metadata; init => _metadata = value; }

    private RuleMetadata _metadata = new();

    /// <summary>
    /// The keys of the <c>[rule]</c> table, or of the Kibana rule JSON, that the source file sets;
    /// null for a rule built in code. A key left out gets Kibana's default, which a TOML writer need not repeat.
    /// </summary>
    public IReadOnlySet<string>? SourceKeys { get; init; }

    /// <summary>The file the rule was loaded from; null for a built-in rule.</summary>
    public string? SourcePath { get; init; }

    /// <summary>The 1-based line of a rule read from one line of an NDJSON export; null otherwise.</summary>
    public int? SourceLine { get; init; }

    /// <summary>
    /// Fields of the <c>[rule]</c> table this model has no property for (type-specific ones such as
    /// <c>new_terms</c>, <c>threshold</c>, <c>alert_suppression</c>, <c>investigation_fields</c>), as
    /// JSON in the Kibana API shape, keyed by their TOML name.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> OtherFields { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Returns a copy of the rule with the <c>[metadata]</c> table <paramref name="metadata"/>.</summary>
    internal DetectionRule WithMetadata(RuleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);

        var copy = (DetectionRule)MemberwiseClone();
        copy._metadata = metadata;
        return copy;
    }

    /// <summary>
    /// Returns a copy of the rule with the saved-object id <paramref name="uuid"/>, as Kibana keeps the
    /// id of the registered rule when an import with another id overwrites it by <c>rule_id</c>.
    /// </summary>
    internal DetectionRule WithUuid(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);

        var copy = (DetectionRule)MemberwiseClone();
        copy._uuid = uuid;
        return copy;
    }
}
