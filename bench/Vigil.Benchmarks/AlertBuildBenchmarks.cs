using BenchmarkDotNet.Attributes;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// Building the alert document for a matched event with <see cref="AlertBuilder.Build"/>, on generated
/// role-chaining AssumeRole events mapped in the setup. One operation is one alert.
/// </summary>
/// <remarks>
/// Each document is built into an alert on every invocation, so from the second invocation on its
/// field values are cached, as they are in a hunt where the rule's query read them first.
/// </remarks>
[MemoryDiagnoser]
public class AlertBuildBenchmarks
{
    private const int Alerts = 1000;

    private static readonly DateTimeOffset ExecutionTime = new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private DetectionRule _rule = null!;
    private EcsDocument[] _events = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rule = BuiltInRules.All[0];
        _events = GeneratedRecords.Map(GeneratedRecords.Document(Alerts, roleChainShare: 1));
    }

    [Benchmark(OperationsPerInvoke = Alerts)]
    public int BuildAlert()
    {
        var fields = 0;
        foreach (var sourceEvent in _events)
        {
            fields += AlertBuilder.Build(_rule, sourceEvent, ExecutionTime).Count;
        }

        return fields;
    }
}
