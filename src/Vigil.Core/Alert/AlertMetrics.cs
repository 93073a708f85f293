using System.Diagnostics.Metrics;

namespace Vigil.Alert;

/// <summary>Counters of alert building, published on the <c>Vigil.Alerts</c> meter.</summary>
internal static class AlertMetrics
{
    public const string MeterName = "Vigil.Alerts";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Alerts built, tagged with <c>rule_id</c>.</summary>
    public static readonly Counter<long> AlertsBuilt =
        Meter.CreateCounter<long>("vigil.alerts.built", "{alert}", "Alert documents built from rule matches.");
}
