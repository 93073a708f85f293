using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Serve;

/// <summary>What every alert of one execution shares: its start time, id and kind.</summary>
internal sealed class ExecutionContext(DateTimeOffset startedAt, ExecutionKind kind)
{
    public DateTimeOffset StartedAt { get; } = startedAt;

    public ExecutionKind Kind { get; } = kind;

    public JsonObject BuildAlert(DetectionRule rule, EcsDocument source)
    {
        var alert = AlertBuilder.Build(rule, source, StartedAt);
        if (Kind == ExecutionKind.Manual)
        {
            // Kibana marks alerts of manual runs so they can be distinguished from scheduled ones.
            alert["kibana.alert.rule.execution.type"] = "manual";
        }

        return alert;
    }

    public string ExecutionUuid(DetectionRule rule) => AlertIds.ExecutionUuid(rule.Uuid, StartedAt);
}
