using System.Globalization;
using Vigil.Detect.Rules;
using Vigil.Store;
using Vigil.Store.Scheduler;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// Kills the real <c>vigil serve</c> with SIGKILL at random moments while it ingests and runs a
/// one-second rule, restarts it each time, and checks that nothing was lost or repeated.
/// </summary>
public class ServeCrashTests
{
    private const int Rounds = 20;
    // Generous, because CI machines may be loaded; a quiet two-core machine needs a few seconds.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public void KilledServeLosesAndRepeatsNothing()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test kills vigil serve with SIGKILL and stops it with SIGTERM");
        var seed = Environment.TickCount;
        var random = new Random(seed);
        using var temp = new TempDirectory();
        var (data, watch, staging) = (Path.Combine(temp.Path, "data"), Path.Combine(temp.Path, "watch"), Path.Combine(temp.Path, "staging"));
        Directory.CreateDirectory(watch);
        Directory.CreateDirectory(staging);
        string[] arguments = ["--data", data, "--watch", watch, "--rules", ServeRuleFiles.WriteCrashRule(temp.Path), "--poll", "100ms"];

        WarmUp(arguments, data);
        var kills = KillRounds(arguments, new CrashInput(watch, staging), random);
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}; {kills}");

        var expectedRecords = RawRecords.Distinct(RawRecords.FromPaths(watch)).Count();
        var expectedAlerts = ServeInputs.ExpectedAlertEventIds(watch);
        var maxEventTime = MaxEventTime(watch);
        RunUntilSettled(arguments, data, expectedRecords, expectedAlerts.Count, maxEventTime);

        using var store = VigilStore.Open(data);
        AssertEachRecordStoredOnce(store, expectedRecords);
        AssertEachAlertOnce(store, expectedAlerts);
        AssertLedgerCovers(store, maxEventTime);
    }

    /// <summary>One rule run before any input, so every event time falls after the coverage start.</summary>
    private static void WarmUp(string[] arguments, string data)
    {
        using var serve = ServeProcess.Start(arguments);
        Assert.True(Eventually.True(() => HasRun(data), Patience), serve.StandardError);
        serve.Kill();
    }

    private static KillCounts KillRounds(string[] arguments, CrashInput input, Random random)
    {
        var counts = new KillCounts();
        for (var round = 1; round <= Rounds; round++)
        {
            using var serve = ServeProcess.Start(arguments);

            // Startup takes about a second, so the kill is timed from a line serve logs: in odd
            // rounds from its start, which lands mostly in the ingest of the new file, in even
            // rounds from its first rule run, which lands mostly in detection.
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
            input.AddRound(round, random);
            var mark = round % 2 == 0 ? "(scheduled) window" : "vigil serve started";
            Assert.True(Eventually.True(() => serve.StandardError.Contains(mark, StringComparison.Ordinal), Patience), serve.StandardError);
            Thread.Sleep(random.Next(0, 1200));
            serve.Kill();
            counts.Add(serve.StandardError);
        }

        return counts;
    }

    /// <summary>Lets a last run ingest everything and catch up, then stops it cleanly with SIGTERM.</summary>
    private static void RunUntilSettled(string[] arguments, string data, int expectedRecords, int expectedAlerts, DateTimeOffset maxEventTime)
    {
        using var serve = ServeProcess.Start(arguments);

        // The store may already hold everything. A SIGTERM sent before serve sets up its signal
        // handlers ends it with the runtime's default exit code, 143.
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(
            Eventually.True(() => CountEvents(data) >= expectedRecords && CountAlerts(data) >= expectedAlerts && LedgerComplete(data, maxEventTime), Patience),
            $"events {CountEvents(data)} of {expectedRecords}, alerts {CountAlerts(data)} of {expectedAlerts}\n{serve.StandardError}");

        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        Assert.Equal(0, serve.ExitCode);
        Assert.Contains("vigil serve stopped", serve.StandardError, StringComparison.Ordinal);
    }

    private static void AssertEachRecordStoredOnce(VigilStore store, int expectedRecords)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(DISTINCT event_id) FROM events";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(expectedRecords, reader.GetInt64(0));
        Assert.Equal(expectedRecords, reader.GetInt64(1));
    }

    private static void AssertEachAlertOnce(VigilStore store, HashSet<string> expectedEventIds)
    {
        var alerts = store.ListAlerts(new AlertFilter { RuleId = ServeRuleFiles.CrashRuleId });
        var alerted = alerts.Select(a => ServeInputs.SourceEventId(a.Document)).ToList();
        Assert.Equal(expectedEventIds.Count, alerts.Count);
        Assert.Equal(alerted.Count, alerted.Distinct().Count());
        Assert.Equal(expectedEventIds.Order(StringComparer.Ordinal), alerted.Order(StringComparer.Ordinal));
    }

    /// <summary>The ledger has no hole from the first window to the last, reaches past every event, and gave nothing up.</summary>
    private static void AssertLedgerCovers(VigilStore store, DateTimeOffset maxEventTime)
    {
        var state = LoadState(store);
        Assert.NotNull(state.CoverageStartMs);
        Assert.NotEmpty(state.Ledger.Ranges);

        var start = state.CoverageStartMs!.Value;
        var end = state.Ledger.Ranges[^1].To;
        Assert.Empty(state.Ledger.Uncovered(start, end));
        Assert.Empty(state.Uncovered);
        Assert.True(end >= maxEventTime.ToUnixTimeMilliseconds(), $"ledger ends at {end}, before the newest event {maxEventTime:O}");
    }

    private static bool LedgerComplete(string data, DateTimeOffset maxEventTime) => WithStore(data, store =>
    {
        var state = LoadState(store);
        return state.CoverageStartMs is { } start
            && state.Ledger.Ranges.Count > 0
            && state.Ledger.Ranges[^1].To >= maxEventTime.ToUnixTimeMilliseconds()
            && state.Ledger.Uncovered(start, state.Ledger.Ranges[^1].To).Count == 0;
    });

    private static Vigil.Serve.RuleState LoadState(VigilStore store) =>
        new SqliteSchedulerState(store).LoadState(NameBasedUuid.ForRuleId(ServeRuleFiles.CrashRuleId));

    private static bool HasRun(string data) =>
        File.Exists(Path.Combine(data, VigilStore.DatabaseFileName))
        && WithStore(data, store => new SqliteSchedulerState(store).ReadLog(null, 1).Count) > 0;

    private static long CountEvents(string data) => WithStore(data, store => store.CountEvents());

    private static long CountAlerts(string data) =>
        WithStore(data, store => store.ListAlerts(new AlertFilter { RuleId = ServeRuleFiles.CrashRuleId }).Count);

    private static T WithStore<T>(string data, Func<VigilStore, T> read)
    {
        using var store = VigilStore.Open(data);
        return read(store);
    }

    private static DateTimeOffset MaxEventTime(string watch) =>
        RawRecords.FromPaths(watch).Max(r => DateTimeOffset.Parse(RawRecords.Text(r, "eventTime")!, CultureInfo.InvariantCulture));

    /// <summary>What the killed processes had logged: whether each kill came after ingest and after a rule run.</summary>
    private sealed class KillCounts
    {
        private int _rounds;
        private int _afterIngest;
        private int _afterRun;

        public void Add(string log)
        {
            _rounds++;
            _afterIngest += log.Contains("Ingested ", StringComparison.Ordinal) ? 1 : 0;
            _afterRun += log.Contains("(scheduled) window", StringComparison.Ordinal) ? 1 : 0;
        }

        public override string ToString() =>
            $"{_rounds} kills: {_afterIngest} after a file was ingested, {_afterRun} after a scheduled run";
    }
}
