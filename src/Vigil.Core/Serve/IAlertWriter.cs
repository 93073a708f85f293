using System.Text.Json.Nodes;

namespace Vigil.Serve;

/// <summary>The alert store as the scheduler uses it.</summary>
internal interface IAlertWriter
{
    /// <summary>True when an alert with <paramref name="alertId"/> (<c>kibana.alert.uuid</c>) is stored.</summary>
    bool Exists(string alertId);

    /// <summary>Stores a new alert document under <paramref name="alertId"/>.</summary>
    void Write(string alertId, JsonObject alert);
}
