using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Read;
using Vigil.Store;

namespace Vigil.Benchmarks;

/// <summary>
/// Store benchmarks, run outside BenchmarkDotNet because each one fills a database once:
/// <c>--store-insert N</c> (insert cost of N events as ingest stores them: scanned raw records),
/// <c>--store-end-to-end N</c> (read + scan + insert of an N-record NDJSON file), <c>--store-fill DIR N</c> (N events over 24
/// hours into DIR) and <c>--store-window DIR</c> (window queries over a filled store); <c>--store-phases N</c> is in <see cref="StorePhases"/>.
/// </summary>
internal static class StoreBench
{
    /// <summary>Start of the generated events; a filled store spans 24 hours from here.</summary>
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["--store-insert", var count]:
                return WithTempDirectory(directory => Insert(directory, Count(count), report: true));
            case ["--store-end-to-end", var count]:
                return WithTempDirectory(directory => EndToEnd(directory, Count(count)));
            case ["--store-fill", var directory, var count]:
                Insert(directory, Count(count), report: true);
                return 0;
            case ["--store-phases", var count]:
                StorePhases.Run((int)Count(count));
                return 0;
            case ["--store-window", var directory]:
                Window(directory);
                return 0;
            default:
                Console.Error.WriteLine("usage: --store-insert N | --store-end-to-end N | --store-fill DIR N | --store-window DIR | --store-phases N");
                return 2;
        }
    }

    private static void Insert(string directory, long count, bool report)
    {
        using var store = VigilStore.Open(directory);
        var events = new StoreBenchEvents(Start, Day / count);
        using var connection = store.OpenConnection();
        using var writer = new EventRowWriter(connection);
        var scanner = new RecordScanner();
        var storeTime = TimeSpan.Zero;
        var rowTime = TimeSpan.Zero;
        var rowCpu = TimeSpan.Zero;
        var storeCpu = TimeSpan.Zero;
        var cpu = Cpu();
        for (long batchStart = 0; batchStart < count; batchStart += IngestOptions.DefaultBatchSize)
        {
            var batch = Enumerable.Range(0, (int)Math.Min(IngestOptions.DefaultBatchSize, count - batchStart))
                .Select(i => JsonSerializer.SerializeToUtf8Bytes(events.Record(batchStart + i))).ToList();
            var stopwatch = Stopwatch.StartNew();
            var cpuBefore = Cpu();
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                var ingested = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var rows = batch.Select(json => RawRow(scanner, json, ingested) with { Document = json }).ToList();
                rowTime += stopwatch.Elapsed;
                rowCpu += Cpu() - cpuBefore;
                foreach (var row in rows)
                {
                    writer.TryInsert(row);
                }

                transaction.Commit();
            }

            storeTime += stopwatch.Elapsed;
            storeCpu += Cpu() - cpuBefore;
        }

        if (report)
        {
            Print("store insert (scan + row build + insert + commit; process CPU also counts generating the records)", count, storeTime, Cpu() - cpu);
            Console.WriteLine($"row build: {rowTime.TotalSeconds:F2} s, cpu {rowCpu.TotalSeconds:F2} s; store cpu {storeCpu.TotalSeconds:F2} s");
            Console.WriteLine($"database: {new FileInfo(store.DatabasePath).Length / 1_000_000} MB (+WAL)");
        }
    }

    private static EventRow RawRow(RecordScanner scanner, byte[] json, long ingested) =>
        scanner.TryScan(json, out var facts) && RawEventRow.TryCreate(facts, ingested, out var row)
            ? row
            : throw new InvalidOperationException("a generated record took the mapping path");

    private static void EndToEnd(string directory, long count)
    {
        var input = Path.Combine(directory, "records.json");
        var events = new StoreBenchEvents(Start, Day / count);
        using (var file = new StreamWriter(input))
        {
            for (long i = 0; i < count; i++)
            {
                file.WriteLine(events.Record(i).ToJsonString());
            }
        }

        using var store = VigilStore.Open(Path.Combine(directory, "data"));
        var cpu = Cpu();
        var summary = new EventIngester(store).Ingest([input]);
        Print("end to end (read + scan + insert)", summary.Stored, summary.Elapsed, Cpu() - cpu);
    }

    private static void Window(string directory)
    {
        using var store = VigilStore.Open(directory);
        var total = store.CountEvents();
        var from = Start + TimeSpan.FromHours(12);
        var window = new EventWindow(from, from + TimeSpan.FromMinutes(6));
        Console.WriteLine($"store: {total:N0} events; window {window.From:O} .. {window.To:O}");
        for (var round = 1; round <= 5; round++)
        {
            Query("event.action:AssumeRole", store, window with { Actions = new HashSet<string> { "AssumeRole" } });
            Query("all events in window", store, window);
        }
    }

    private static void Query(string label, VigilStore store, EventWindow window)
    {
        var stopwatch = Stopwatch.StartNew();
        var rows = store.ReadEvents(window).Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {rows:N0} events read and parsed in {stopwatch.Elapsed.TotalMilliseconds:F1} ms"));
    }

    private static void Print(string label, long events, TimeSpan wall, TimeSpan cpu) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label}: {events:N0} events, wall {wall.TotalSeconds:F2} s ({events / wall.TotalSeconds:N0}/s), process CPU {cpu.TotalSeconds:F2} s, load {File.ReadAllText("/proc/loadavg").Trim()}"));

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static long Count(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static int WithTempDirectory(Action<string> run)
    {
        var directory = Directory.CreateTempSubdirectory("vigil-store-bench-").FullName;
        try
        {
            run(directory);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
