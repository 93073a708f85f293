using System.Diagnostics;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// Quick checks while changing the mapper, outside BenchmarkDotNet: <c>--map-probe</c> times parse +
/// map of the real records by processor time and wall clock, and <c>--map-dump FILE</c> writes every
/// mapped document as one JSON line, so that two builds' outputs can be compared byte for byte.
/// </summary>
internal static class MappingProbe
{
    private const int Rounds = 20;

    public static void TimeMapping()
    {
        var corpus = CorpusRecords.LoadUtf8();
        var fastest = double.MaxValue;
        for (var round = 1; round <= Rounds; round++)
        {
            using var process = Process.GetCurrentProcess();
            var processorStart = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var fields = 0;
            foreach (var utf8 in corpus)
            {
                fields += CloudTrailMapper.Map(CorpusRecords.Parse(utf8)).Document.Root.Count;
            }

            wall.Stop();
            process.Refresh();
            var processor = process.TotalProcessorTime - processorStart;
            fastest = Math.Min(fastest, processor.TotalMicroseconds / corpus.Length);
            Console.WriteLine(
                $"map round {round}: {processor.TotalMicroseconds / corpus.Length:F2} µs/record processor time, "
                + $"{wall.Elapsed.TotalMicroseconds / corpus.Length:F2} µs/record wall-clock ({fields} fields); "
                + $"GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, "
                + $"{GC.GetTotalAllocatedBytes() / 1e6:F0} MB allocated");
        }

        Console.WriteLine($"fastest round: {fastest:F2} µs/record processor time");

    }

    public static void TimeFreshEvaluation()
    {
        var fresh = new FreshDocumentBenchmarks();
        fresh.Setup();
        for (var round = 1; round <= Rounds / 4; round++)
        {
            fresh.MapBatches();
            TimeEvaluation("fresh AssumeRole events", fresh, fresh.AssumeRoleBatch);
            TimeEvaluation("fresh corpus events", fresh, fresh.CorpusBatch);
        }
    }

    public static void Dump(string path)
    {
        using var output = new StreamWriter(path);
        foreach (var utf8 in CorpusRecords.LoadUtf8())
        {
            var result = CloudTrailMapper.Map(CorpusRecords.Parse(utf8));
            output.WriteLine(result.Document.Root.ToJsonString());
            output.WriteLine(result.Error ?? "-");
        }
    }

    private static void TimeEvaluation(string name, FreshDocumentBenchmarks fresh, Vigil.Map.EcsDocument[] batch)
    {
        var wall = Stopwatch.StartNew();
        var matches = fresh.Evaluate(batch);
        wall.Stop();
        Console.WriteLine($"{name}: {wall.Elapsed.TotalNanoseconds / batch.Length:F1} ns/eval wall-clock, {matches} matches of {batch.Length}");
    }
}
