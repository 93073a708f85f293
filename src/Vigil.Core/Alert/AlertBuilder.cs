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

        return Build(rule, sourceEvent, executionTime, encodeRuleFields: false);
    }

    /// <summary>
    /// Builds the same alert as <see cref="Build(DetectionRule, EcsDocument, DateTimeOffset)"/> for
    /// a caller that only writes it out or reads its table columns: the rule's long fields are
    /// <see cref="EncodedJson"/> values, which serialise to the same bytes but cannot be navigated.
    /// </summary>
    internal static JsonObject BuildForOutput(DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime) =>
        Build(rule, sourceEvent, executionTime, encodeRuleFields: true);

    private static JsonObject Build(DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime, bool encodeRuleFields)
    {
        var source = sourceEvent.Root;
        var name = RuleNameOverride.Apply(rule, source);
        var sourceId = AlertIds.SourceId(sourceEvent);
        var timestamp = KibanaTime.Format(executionTime);

        var alert = OriginalEvent.CopyWithoutKind(sourceEvent);
        alert["@timestamp"] = timestamp;
        alert["kibana.space_ids"] = new JsonArray(SpaceId);
        alert["event.kind"] = "signal";
        AddOriginalTime(alert, source);
        AddAlertState(alert, rule, sourceEvent.DataStream, sourceId, timestamp);
        alert["kibana.alert.reason"] = AlertReason.Build(source, name, rule.Severity);
        AlertRuleFields.Add(alert, rule, name, executionTime, encodeRuleFields);
        OriginalEvent.AddFlattened(alert, source);

        AlertMetrics.AlertsBuilt.Add(1, new KeyValuePair<string, object?>("rule_id", rule.RuleId));
        return alert;
    }

    private static void AddOriginalTime(JsonObject alert, JsonObject source)
    {
        if (KibanaTime.TryReadTimestamp(source, out var originalTime))
        {
            alert["kibana.alert.original_time"] = KibanaTime.Format(originalTime);
        }
    }

    private static void AddAlertState(JsonObject alert, DetectionRule rule, string index, string sourceId, string timestamp)
    {
        alert["kibana.alert.uuid"] = AlertIds.AlertUuid(index, sourceId, rule.Uuid);
        alert["kibana.alert.status"] = "active";
        alert["kibana.alert.workflow_status"] = "open";
        alert["kibana.alert.workflow_tags"] = new JsonArray();
        alert["kibana.alert.workflow_assignee_ids"] = new JsonArray();
        alert["kibana.alert.depth"] = 1;
        alert["kibana.alert.ancestors"] = new JsonArray(new JsonObject
        {
            ["id"] = sourceId,
            ["type"] = "event",
            ["index"] = index,
            ["depth"] = 0,
        });
        alert["kibana.alert.start"] = timestamp;
        alert["kibana.alert.last_detected"] = timestamp;
        alert["kibana.alert.intended_timestamp"] = timestamp;
        // NOTE: severity_mapping and risk_score_mapping are copied into the rule fields but not
        // applied per event; no prebuilt AWS rule uses them.
        alert["kibana.alert.severity"] = rule.Severity;
        alert["kibana.alert.risk_score"] = rule.RiskScore;
        if (rule.BuildingBlockType is not null)
        {
            alert["kibana.alert.building_block_type"] = rule.BuildingBlockType;
        }
    }
}
