using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules;

/// <summary>
/// The <c>[metadata]</c> table of a detection-rules file: the rule's life cycle and the stack it
/// needs. Detection-rules leaves it out of what it sends to Kibana.
/// </summary>
public sealed class RuleMetadata
{
    /// <summary>The creation date as written, <c>YYYY/MM/DD</c>.</summary>
    public string? CreationDate { get; init; }

    /// <summary>The last update date as written, <c>YYYY/MM/DD</c>.</summary>
    public string? UpdatedDate { get; init; }

    /// <summary>The maturity: <c>development</c>, <c>experimental</c>, <c>beta</c>, <c>production</c> or <c>deprecated</c>.</summary>
    public string? Maturity { get; init; }

    /// <summary>The integration packages the rule reads, such as <c>aws</c>.</summary>
    public IReadOnlyList<string> Integration { get; init; } = [];

    /// <summary>The minimum Elastic Stack version, such as <c>8.9.0</c>.</summary>
    public string? MinStackVersion { get; init; }

    /// <summary>Why the minimum stack version was raised.</summary>
    public string? MinStackComments { get; init; }

    /// <summary>The deprecation date of a deprecated rule, <c>YYYY/MM/DD</c>.</summary>
    public string? DeprecationDate { get; init; }

    /// <summary>The other metadata keys, as JSON keyed by their TOML name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> OtherFields { get; init; } = new Dictionary<string, JsonNode?>();
}
