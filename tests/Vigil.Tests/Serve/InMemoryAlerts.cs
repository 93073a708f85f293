using System.Text.Json.Nodes;
using Vigil.Serve;

namespace Vigil.Tests.Serve;

/// <summary>An alert store kept in a dictionary, in insertion order.</summary>
internal sealed class InMemoryAlerts : IAlertWriter
{
    private readonly Dictionary<string, JsonObject> _alerts = new(StringComparer.Ordinal);

    public List<JsonObject> All { get; } = [];

    public bool Exists(string alertId) => _alerts.ContainsKey(alertId);

    public void Write(string alertId, JsonObject alert)
    {
        _alerts.Add(alertId, alert);
        All.Add(alert);
    }
}
