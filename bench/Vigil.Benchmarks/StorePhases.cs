using System.Diagnostics;
using Vigil.Read;
using Vigil.Store;

namespace Vigil.Benchmarks;

/// <summary>
/// Splits the processor time of building an event row into its parts (<c>--store-phases N</c>):
/// the content hash of the raw record, the document's JSON text, and the whole row. Three rounds,
/// so the later ones show the cost after the JIT has optimised the code.
/// </summary>
internal static class StorePhases
{
    private const int Rounds = 3;

    public static void Run(int count)
    {
        var events = new StoreBenchEvents(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1));
        var items = Enumerable.Range(0, count).Select(i => events.Mapped(i)).ToList();
        for (var round = 1; round <= Rounds; round++)
        {
            Measure("content hash", count, () => items.ForEach(item => CanonicalJsonHash.Compute(item.Record)));
            Measure("document JSON", count, () => items.ForEach(item => item.Document.Root.ToJsonString()));
            Measure("whole row", count, () => items.ForEach(item => EventRow.Create(item.Record, item.Document, DateTimeOffset.UtcNow)));
        }

        var sample = items[0];
        Console.WriteLine($"document {sample.Document.Root.ToJsonString().Length} characters, raw record {sample.Record.ToJsonString().Length}");
    }

    private static void Measure(string name, int count, Action action)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        Console.WriteLine($"{name}: {(process.TotalProcessorTime - before).TotalMicroseconds / count:F1} µs of process CPU per event");
    }
}
