using System.Diagnostics.Metrics;

namespace Vigil.Read;

/// <summary>Counters of the items read, published on the <c>Vigil.Read</c> meter.</summary>
internal static class ReadMetrics
{
    private static readonly Meter Meter = new("Vigil.Read");
    private static readonly Counter<long> Records = Meter.CreateCounter<long>("vigil.read.records", description: "CloudTrail records read");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("vigil.read.errors", description: "Input that could not be read as a record");
    private static readonly Counter<long> Skipped = Meter.CreateCounter<long>("vigil.read.skipped", description: "Input skipped because it is not an event");

    public static void Count(ReadOutcome outcome)
    {
        var counter = outcome switch
        {
            ReadOutcome.Record => Records,
            ReadOutcome.Error => Errors,
            _ => Skipped,
        };
        counter.Add(1);
    }
}
