using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vigil.Detect.Rules;
using Vigil.Read;
using Vigil.Serve;
using Vigil.Store;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>--serve-run DIR N</c>: the duration of scheduled runs of the built-in rule (every 5 minutes,
/// window now-6m..now on <c>event.ingested</c>) over a store of N events spread evenly over 24
/// hours on both <c>@timestamp</c> and <c>event.ingested</c>, as a store that ingests a steady
/// trail holds. The store in DIR is filled once and reused by later runs.
/// </summary>
internal static class ServeRunBench
{
    private const int Runs = 10;

    /// <summary>End of the filled day, and the first run's start.</summary>
    private static readonly DateTimeOffset End = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static int Run(string[] args)
    {
        if (args is not [_, var directory, var countText] || !long.TryParse(countText, CultureInfo.InvariantCulture, out var count))
        {
            Console.Error.WriteLine("usage: --serve-run DIR N");
            return 2;
        }

        var clock = new ManualClock(End - (Day / 2));
        using var store = VigilStore.Open(directory, clock);
        if (store.CountEvents() == 0)
        {
            Fill(store, count);
        }

        ForgetEarlierRuns(store);
        var scheduler = new RuleScheduler(store);
        scheduler.Register(BuiltInRules.All[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: {store.CountEvents():N0} events; load {File.ReadAllText("/proc/loadavg").Trim()}"));
        for (var run = 1; run <= Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var entries = scheduler.RunDue();
            Print(run, entries, stopwatch.Elapsed);
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        TimeParts(store, clock.GetUtcNow());
        return 0;
    }

    /// <summary>
    /// Times the parts of one window's work on their own: reading and parsing the candidate rows, one
    /// existence check per candidate, and 100 alert inserts, each on its own pooled connection as the
    /// scheduler's alert writer does them.
    /// </summary>
    private static void TimeParts(VigilStore store, DateTimeOffset now)
    {
        var window = new EventWindow(now - TimeSpan.FromMinutes(6), now)
        {
            TimeField = EventTimeField.Ingested,
            Actions = new HashSet<string>(StringComparer.Ordinal) { "AssumeRole" },
        };
        var stopwatch = Stopwatch.StartNew();
        var events = store.ReadEvents(window).ToList();
        var read = stopwatch.Elapsed;

        stopwatch.Restart();
        foreach (var stored in events)
        {
            using var connection = store.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM alerts WHERE id = $id";
            command.Parameters.AddWithValue("$id", stored.EventId ?? "");
            command.ExecuteScalar();
        }

        var checks = stopwatch.Elapsed;
        stopwatch.Restart();
        foreach (var stored in events.Take(100))
        {
            var id = $"bench-{Guid.NewGuid():N}";
            store.TryAddAlert(new StoredAlert(id, "bench", "low", AlertStatus.Open, now, stored.Document.Root));
        }

        var inserts = stopwatch.Elapsed;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"parts: read + parse {events.Count} rows {read.TotalMilliseconds:F1} ms, {events.Count} existence checks {checks.TotalMilliseconds:F1} ms, 100 alert inserts {inserts.TotalMilliseconds:F1} ms"));
    }

    /// <summary>Clears the rule tables and alerts, so every benchmark starts from a rule's first run.</summary>
    private static void ForgetEarlierRuns(VigilStore store)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM rule_executions; DELETE FROM rule_uncovered; DELETE FROM rule_coverage; DELETE FROM rule_state; DELETE FROM rules; DELETE FROM alerts;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Writes the events straight through the store's row writer as ingest stores them (raw
    /// records, mapped when read), with <c>event.ingested</c> spread like <c>@timestamp</c>.
    /// </summary>
    private static void Fill(VigilStore store, long count)
    {
        var spacing = Day / count;
        var start = End - Day;
        var events = new StoreBenchEvents(start, spacing);
        using var connection = store.OpenConnection();
        using var writer = new EventRowWriter(connection);
        var scanner = new RecordScanner();
        var stopwatch = Stopwatch.StartNew();
        for (long batchStart = 0; batchStart < count; batchStart += IngestOptions.DefaultBatchSize)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var batchEnd = Math.Min(count, batchStart + IngestOptions.DefaultBatchSize);
            for (var index = batchStart; index < batchEnd; index++)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(events.Record(index));
                var ingested = StoreTime.ToMilliseconds(start + (spacing * index));
                if (!scanner.TryScan(json, out var facts) || !RawEventRow.TryCreate(facts, ingested, out var row))
                {
                    throw new InvalidOperationException("a generated record took the mapping path");
                }

                writer.TryInsert(row, json);
            }

            transaction.Commit();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"filled {count:N0} events in {stopwatch.Elapsed.TotalSeconds:F1} s"));
    }

    private static void Print(int run, IReadOnlyList<ExecutionLogEntry> entries, TimeSpan wall)
    {
        foreach (var entry in entries)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"run {run} ({entry.Kind}): {entry.Windows.Count} window(s), searched {entry.EventsSearched:N0}, matches {entry.Matches:N0}, alerts created {entry.AlertsCreated:N0}, duplicates {entry.DuplicatesSkipped:N0}, {entry.Status}, duration {entry.Duration.TotalMilliseconds:F1} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: RunDue wall {wall.TotalMilliseconds:F1} ms"));
    }

    /// <summary>A clock that moves only when advanced. Elapsed-time measurements still use the real stopwatch.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan step) => _now += step;
    }
}
