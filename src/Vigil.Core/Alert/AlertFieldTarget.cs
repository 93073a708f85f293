using System.Text.Json.Nodes;

namespace Vigil.Alert;

/// <summary>
/// Where the builder puts an alert's own fields: into a node tree (<see cref="NodeFieldTarget"/>)
/// or straight into JSON text (<see cref="WriterFieldTarget"/>). One sequence of calls describes
/// the alert for both, so the two cannot drift apart.
/// </summary>
internal abstract class AlertFieldTarget
{
    public abstract void Add(string key, string value);

    public abstract void Add(string key, int value);

    public abstract void Add(string key, bool value);

    /// <summary>Adds an array of strings, which may be empty.</summary>
    public abstract void Add(string key, ReadOnlySpan<string> values);

    /// <summary>Adds <c>kibana.alert.ancestors</c> for an alert whose only ancestor is the source event.</summary>
    public abstract void AddSourceAncestor(string key, string sourceId, string index);

    /// <summary>Adds a node made for this alert alone.</summary>
    public abstract void Add(string key, JsonNode? value);

    /// <summary>Adds a copy of a node the alert does not own, such as part of the source event.</summary>
    public abstract void Copy(string key, JsonNode? value);

    /// <summary>Adds the value of one of the rule's fields.</summary>
    public abstract void Add(string key, RuleFieldValue value);
}
