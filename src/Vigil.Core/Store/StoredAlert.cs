using System.Text.Json.Nodes;

namespace Vigil.Store;

/// <summary>An alert as the store keeps it.</summary>
/// <param name="Id">The deterministic alert id, <c>kibana.alert.uuid</c>.</param>
/// <param name="RuleId">The detection rule's <c>rule_id</c>.</param>
/// <param name="Severity">The alert's severity after overrides, <c>kibana.alert.severity</c>.</param>
/// <param name="Status">The workflow status.</param>
/// <param name="Created">When the alert was first stored.</param>
/// <param name="Document">The alert document (<c>kibana.alert.*</c> fields over the source event).</param>
public sealed record StoredAlert(string Id, string RuleId, string Severity, AlertStatus Status, DateTimeOffset Created, JsonObject Document);
