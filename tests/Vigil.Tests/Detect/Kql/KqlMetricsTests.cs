using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>
/// The Vigil.Kql counters. Other tests compile queries in parallel, so each check is that the counter
/// grew by at least this test's own measurements.
/// </summary>
public sealed class KqlMetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentBag<(string Instrument, string? Outcome)> _measurements = [];

    public KqlMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Vigil.Kql")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            _measurements.Add((instrument.Name, OutcomeOf(tags))));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void CompiledCountsEachOutcome()
    {
        Kql.Compile("a:b", FieldMapping.CloudTrail);
        Kql.Compile("a:(b", FieldMapping.CloudTrail);
        Kql.Compile("source.port:x", FieldMapping.CloudTrail);

        Assert.Contains(("vigil.kql.compiled", "success"), _measurements);
        Assert.Contains(("vigil.kql.compiled", "syntax_error"), _measurements);
        Assert.Contains(("vigil.kql.compiled", "query_error"), _measurements);
    }

    [Fact]
    public void TranslatedCountsEachOutcome()
    {
        KqlDsl.ToElasticsearchQuery("a:b", null);
        KqlDsl.ToElasticsearchQuery("a:(b", null);

        Assert.Contains(("vigil.kql.translated", "success"), _measurements);
        Assert.Contains(("vigil.kql.translated", "syntax_error"), _measurements);
    }

    private static string? OutcomeOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "outcome")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
