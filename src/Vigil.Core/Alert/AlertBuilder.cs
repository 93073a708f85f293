using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Alert;

/// <summary>Builds the alert document Kibana's detection engine writes for one rule match.</summary>
/// <remarks>
/// The alert follows Kibana's <c>transformHitToAlert</c> and <c>buildAlertFields</c>: a copy of
/// the source event's <c>_source</c> (nested as it came), without <c>event.kind</c>, overlaid with
/// flat dotted keys: <c>event.kind: signal</c>, the <c>kibana.alert.*</c> fields and the source's
/// <c>event</c> object flattened under <c>kibana.alert.original_event.*</c>. Fields that only a
/// Kibana installation has (<c>created_at</c>, <c>updated_at</c>, <c>kibana.version</c>, the alert
/// URL) are left out.
/// </remarks>
public static class AlertBuilder
{
    /// <summary>The Kibana space every alert is written to.</summary>
    public const string SpaceId = "default";

    /// <summary>
    /// Builds the alert <paramref name="rule"/> raises for <paramref name="sourceEvent"/> when it runs
    /// at <paramref name="executionTime"/>. The same inputs always give the same document.
    /// </summary>
    public static JsonObject Build(DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(sourceEvent);

        var alert = OriginalEvent.CopyWithoutKind(sourceEvent);
        AddFields(new NodeFieldTarget(alert), rule, sourceEvent, executionTime, KibanaTime.Format(executionTime), out _);
        return alert;
    }

    /// <summary>
    /// Adds the alert's own fields, in Kibana's order, to the copy of the source event that
    /// <paramref name="alert"/> contains or is writing, and returns the alert's <c>kibana.alert.uuid</c>
    /// and, in <paramref name="severity"/>, its <c>kibana.alert.severity</c>.
    /// </summary>
    internal static string AddFields(AlertFieldTarget alert, DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime, string timestamp, out string severity)
    {
        var source = sourceEvent.Root;
        var name = RuleNameOverride.Apply(rule, source);
        severity = SeverityOverride.Apply(rule, source);
        var sourceId = AlertIds.SourceId(sourceEvent);

        alert.Add("@timestamp", timestamp);
        alert.Add("kibana.space_ids", [SpaceId]);
        alert.Add("event.kind", "signal");
        AddOriginalTime(alert, source);
        var uuid = AddAlertState(alert, rule, sourceEvent.DataStream, sourceId, timestamp);
        AddSeverity(alert, rule, source, severity);
        alert.Add("kibana.alert.reason", AlertReason.Build(source, name, severity));
        AlertRuleFields.Add(alert, rule, name, executionTime);
        OriginalEvent.AddFlattened(alert, source);

        AlertMetrics.AlertsBuilt.Add(1, new KeyValuePair<string, object?>("rule_id", rule.RuleId));
        return uuid;
    }

    private static void AddOriginalTime(AlertFieldTarget alert, JsonObject source)
    {
        if (KibanaTime.TryReadTimestampText(source, out var originalTime))
        {
            alert.Add("kibana.alert.original_time", originalTime);
        }
    }

    private static string AddAlertState(AlertFieldTarget alert, DetectionRule rule, string index, string sourceId, string timestamp)
    {
        var uuid = AlertIds.AlertUuid(index, sourceId, rule.Uuid);
        alert.Add("kibana.alert.uuid", uuid);
        alert.Add("kibana.alert.status", "active");
        alert.Add("kibana.alert.workflow_status", "open");
        alert.Add("kibana.alert.workflow_tags", []);
        alert.Add("kibana.alert.workflow_assignee_ids", []);
        alert.Add("kibana.alert.depth", 1);
        alert.AddSourceAncestor("kibana.alert.ancestors", sourceId, index);
        alert.Add("kibana.alert.start", timestamp);
        alert.Add("kibana.alert.last_detected", timestamp);
        alert.Add("kibana.alert.intended_timestamp", timestamp);
        return uuid;
    }

    /// <summary>
    /// Adds the alert's severity and risk score after the rule's mappings, as Kibana's
    /// <c>buildAlertFields</c> does; <c>kibana.alert.rule.severity</c>, <c>risk_score</c> and
    /// <c>parameters</c> keep the rule's own values.
    /// </summary>
    private static void AddSeverity(AlertFieldTarget alert, DetectionRule rule, JsonObject source, string severity)
    {
        alert.Add("kibana.alert.severity", severity);
        var riskScore = RiskScoreOverride.Apply(rule, source);
        if (riskScore is { } mapped && mapped != Math.Floor(mapped))
        {
            alert.Add("kibana.alert.risk_score", JsonValue.Create(mapped));
        }
        else
        {
            alert.Add("kibana.alert.risk_score", riskScore is { } whole ? (int)whole : rule.RiskScore);
        }

        if (rule.BuildingBlockType is not null)
        {
            alert.Add("kibana.alert.building_block_type", rule.BuildingBlockType);
        }
    }
}
