using System.Diagnostics;
using System.Globalization;
using Vigil.Detect.Rules;
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

        return 0;
    }

    /// <summary>Clears the rule tables and alerts, so every benchmark starts from a rule's first run.</summary>
    private static void ForgetEarlierRuns(VigilStore store)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM rule_executions; DELETE FROM rule_uncovered; DELETE FROM rule_coverage; DELETE FROM rule_state; DELETE FROM rules; DELETE FROM alerts;";
        command.ExecuteNonQuery();
    }

    /// <summary>Writes the events straight through the store's row writer, with <c>event.ingested</c> spread like <c>@timestamp</c>.</summary>
    private static void Fill(VigilStore store, long count)
    {
        var spacing = Day / count;
        var start = End - Day;
        var events = new StoreBenchEvents(start, spacing);
        using var connection = store.OpenConnection();
        using var writer = new EventRowWriter(connection);
        var stopwatch = Stopwatch.StartNew();
        for (long batchStart = 0; batchStart < count; batchStart += IngestOptions.DefaultBatchSize)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var batchEnd = Math.Min(count, batchStart + IngestOptions.DefaultBatchSize);
            for (var index = batchStart; index < batchEnd; index++)
            {
                var (record, document) = events.Mapped(index);
                writer.TryInsert(transaction, EventRow.Create(record, document, start + (spacing * index)));
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
