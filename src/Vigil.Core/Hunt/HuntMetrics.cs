using System.Diagnostics.Metrics;

namespace Vigil.Hunt;

/// <summary>
/// Counters a host can export (for example with <c>dotnet-counters monitor --counters Vigil.Hunt</c>).
/// </summary>
internal static class HuntMetrics
{
    public const string MeterName = "Vigil.Hunt";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RecordsRead = Meter.CreateCounter<long>("vigil.hunt.records", "{record}", "CloudTrail records read");

    public static readonly Counter<long> Events = Meter.CreateCounter<long>("vigil.hunt.events", "{event}", "Records mapped to ECS events");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("vigil.hunt.errors", "{record}", "Records or files that could not be read or mapped");

    public static readonly Counter<long> Skipped = Meter.CreateCounter<long>("vigil.hunt.skipped", "{record}", "Records skipped: digests, writability checks, duplicates");

    public static readonly Counter<long> Alerts = Meter.CreateCounter<long>("vigil.hunt.alerts", "{alert}", "Alerts produced, tagged by rule_id");
}
