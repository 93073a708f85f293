using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// Writing alerts as text, as a hunt does (<see cref="AlertWriter"/>), on generated role-chaining
/// AssumeRole events mapped in the setup. One operation is one alert. <c>Pack</c> writes the alert
/// of each query rule of the Elastic AWS pack in turn (about 15 KB each, most of it the rule's own
/// fields), or of the built-in rule when the shared data folder is absent.
/// </summary>
[MemoryDiagnoser]
public class AlertWriteBenchmarks
{
    private const int Alerts = 1000;

    private static readonly DateTimeOffset ExecutionTime = new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private DetectionRule _builtIn = null!;
    private DetectionRule[] _pack = [];
    private EcsDocument[] _events = null!;

    [GlobalSetup]
    public void Setup()
    {
        _builtIn = BuiltInRules.All[0];
        var pack = Path.Combine(RepositoryRoot.Shared, "data", "rules", "elastic-aws");
        _pack = Directory.Exists(pack) ? [.. RuleLoader.LoadPaths([pack]).Rules.Where(rule => rule.Type == "query")] : [_builtIn];
        _events = GeneratedRecords.Map(GeneratedRecords.Document(Alerts, roleChainShare: 1));
        foreach (var sourceEvent in _events)
        {
            // A hunt writes an alert's event from its text, which mapping made already.
            _ = sourceEvent.Utf8Json();
        }
    }

    [Benchmark(OperationsPerInvoke = Alerts)]
    public long BuiltIn() => WriteAll(_ => _builtIn);

    [Benchmark(OperationsPerInvoke = Alerts)]
    public long Pack() => WriteAll(i => _pack[i % _pack.Length]);

    private long WriteAll(Func<int, DetectionRule> rule)
    {
        long bytes = 0;
        using var writer = new Utf8JsonWriter(_buffer, EcsDocument.WriterOptions);
        for (var i = 0; i < _events.Length; i++)
        {
            _buffer.ResetWrittenCount();
            writer.Reset(_buffer);
            AlertWriter.Write(writer, rule(i), _events[i], ExecutionTime, out _, out _);
            writer.Flush();
            bytes += _buffer.WrittenCount;
        }

        return bytes;
    }
}
