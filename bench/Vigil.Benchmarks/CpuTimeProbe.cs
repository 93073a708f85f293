using System.Diagnostics;

namespace Vigil.Benchmarks;

/// <summary>
/// Measures the AssumeRole evaluation by processor time as well as wall-clock time, because on a shared
/// machine wall-clock time also counts the time other processes hold the core. Processor time is that of
/// the whole process (JIT and GC threads too), so it is an upper bound on the evaluating thread's own.
/// </summary>
internal static class CpuTimeProbe
{
    private const int Operations = 10_000_000;
    private const int Rounds = 5;

    public static void Run()
    {
        var benchmarks = new KqlEvaluationBenchmarks();
        benchmarks.Setup();

        Measure("cached document", () => benchmarks.KqlAssumeRoleMatches());
        Measure("fresh document", () => benchmarks.KqlAssumeRoleMatchesFreshDocument());
    }

    private static void Measure(string name, Func<bool> operation)
    {
        for (var round = 1; round <= Rounds; round++)
        {
            using var process = Process.GetCurrentProcess();
            var processorStart = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var matches = 0;
            for (var i = 0; i < Operations; i++)
            {
                matches += operation() ? 1 : 0;
            }

            wall.Stop();
            process.Refresh();
            var processor = process.TotalProcessorTime - processorStart;
            Console.WriteLine(
                $"{name}, round {round}: {processor.TotalNanoseconds / Operations:F1} ns/op processor time "
                + $"({Operations / processor.TotalSeconds / 1e6:F1} M/s per core), {wall.Elapsed.TotalNanoseconds / Operations:F1} ns/op wall-clock, "
                + $"{matches} matches");
        }
    }
}
