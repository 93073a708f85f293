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

    public static readonly Counter<long> Parsed = Meter.CreateCounter<long>("vigil.hunt.parsed", "{record}", "Records parsed into a tree: candidates of some rule, and records the scan did not take");

    public static readonly Counter<long> Mapped = Meter.CreateCounter<long>("vigil.hunt.mapped", "{record}", "Records mapped to ECS and evaluated, because their raw values left a rule that may match");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("vigil.hunt.errors", "{record}", "Records or files that could not be read or mapped");

    public static readonly Counter<long> Skipped = Meter.CreateCounter<long>("vigil.hunt.skipped", "{record}", "Records skipped: digests, writability checks, duplicates");

    public static readonly Counter<long> Alerts = Meter.CreateCounter<long>("vigil.hunt.alerts", "{alert}", "Alerts produced, tagged by rule_id");
}
