using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Output;

namespace Vigil.Tests.Support;

/// <summary>Keeps every alert of a hunt in memory for assertions.</summary>
internal sealed class CollectingSink : IAlertSink
{
    public List<(DetectionRule Rule, JsonObject Alert)> Alerts { get; } = [];

    public void Write(DetectionRule rule, ReadOnlySpan<byte> alert) => Alerts.Add((rule, AlertText.Parse(alert)));

    public static (HuntSummary Summary, CollectingSink Sink) Hunt(IReadOnlyList<DetectionRule> rules, params string[] paths)
    {
        var sink = new CollectingSink();
        var summary = new HuntEngine(rules).Run(new HuntOptions(paths), sink);
        return (summary, sink);
    }
}
