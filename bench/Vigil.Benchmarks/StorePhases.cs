using System.Diagnostics;
using Vigil.Store;

namespace Vigil.Benchmarks;

internal static class StorePhases
{
    public static void Run(int count)
    {
        var events = new StoreBenchEvents(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1));
        var items = Enumerable.Range(0, count).Select(i => events.Mapped(i)).ToList();
        for (var round = 0; round < 3; round++)
        {
            Measure("hash", () => { foreach (var (r, _) in items) { Vigil.Read.CanonicalJsonHash.Compute(r); } });
            Measure("tojson", () => { foreach (var (_, d) in items) { _ = d.Root.ToJsonString(); } });
            Measure("create", () => { foreach (var (r, d) in items) { EventRow.Create(r, d, DateTimeOffset.UtcNow); } });
        }

        Console.WriteLine($"doc bytes {items[0].Document.Root.ToJsonString().Length}, raw {items[0].Record.ToJsonString().Length}");

        void Measure(string name, Action action)
        {
            using var p = Process.GetCurrentProcess();
            var before = p.TotalProcessorTime;
            action();
            p.Refresh();
            Console.WriteLine($"{name}: {(p.TotalProcessorTime - before).TotalMicroseconds / count:F1} us/event cpu");
        }
    }
}
