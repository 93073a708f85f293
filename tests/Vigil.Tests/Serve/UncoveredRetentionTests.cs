using Microsoft.Data.Sqlite;
using Vigil.Serve;
using Vigil.Store;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

/// <summary>
/// A <c>max_signals</c> range on <c>@timestamp</c> older than the latest deleted <c>@timestamp</c>
/// clears once every match in it has an alert, unless retention may have deleted one of its matches
/// without an alert. Repeated manual runs over such a range do not add a row each.
/// </summary>
public sealed class UncoveredRetentionTests
{
    private const string RuleId = "stop-logging";

    /// <summary>The <c>@timestamp</c> of the old logs, three days before the clock starts.</summary>
    private static readonly DateTimeOffset OldLogs = TenOClock.AddDays(-3);

    [Fact]
    public void RangeCreatedAfterDeletion_ClearsOnceAlerted()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 2));
        DeleteNewerEvent(harness);
        IngestMatches(harness, OldLogs, count: 5);

        harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));
        var created = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));
        harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));

        Assert.Equal(UncoveredKind.MaxSignals, created.Kind);
        Assert.Equal(5, harness.Alerts().Count);
        Assert.Empty(Assert.Single(harness.Scheduler.Status()).Uncovered);
    }

    [Fact]
    public void DeletionAfterRange_KeepsItAsExpired()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 2));
        var deletedGroup = OldLogs.AddHours(1);

        // Two matches of the range are stored 90 minutes after the other three, so the deletion
        // below removes one match without an alert and keeps two.
        harness.Ingest(StopLogging(deletedGroup, "deleted-0"));
        harness.Ingest(StopLogging(deletedGroup.AddSeconds(1), "deleted-1"));
        harness.Ingest(StopLogging(deletedGroup.AddSeconds(4), "deleted-4"));
        harness.Clock.Advance(TimeSpan.FromMinutes(90));
        harness.Ingest(StopLogging(deletedGroup.AddSeconds(2), "kept-2"));
        harness.Ingest(StopLogging(deletedGroup.AddSeconds(3), "kept-3"));
        harness.RunManual(RuleId, deletedGroup.AddMinutes(-1), deletedGroup.AddMinutes(4));

        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        var deleted = harness.Store.DeleteExpiredEvents(TimeSpan.FromHours(1));

        // Five matches an hour earlier are stored after the deletion, so their range clears.
        IngestMatches(harness, OldLogs, count: 5);
        for (var run = 0; run < 3; run++)
        {
            harness.RunManual(RuleId, OldLogs.AddMinutes(-1), deletedGroup.AddMinutes(4));
        }

        // Every stored match has an alert, but "deleted-4" never had one.
        Assert.Equal(3, deleted);
        Assert.Equal(9, harness.Alerts().Count);
        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(deletedGroup.AddSeconds(2), range.Window.From);
        Assert.Equal(deletedGroup.AddSeconds(4), range.Window.To);
        Assert.Equal(UncoveredKind.Expired, range.Kind);
        Assert.False(range.WillRetry);
        Assert.Equal(3, range.NotAlerted);
    }

    [Fact]
    public void MatchesWithoutIngestedTime_ClearAfterLaterDeletion()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 2));
        for (var i = 0; i < 5; i++)
        {
            harness.IngestWithoutIngestedTime(StopLogging(OldLogs.AddSeconds(i), $"match-{i}"));
        }

        harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));

        // Retention deletes by event.ingested, so it can never delete these matches.
        DeleteNewerEvent(harness);
        harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));
        harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));

        Assert.Equal(5, harness.Alerts().Count);
        Assert.Empty(Assert.Single(harness.Scheduler.Status()).Uncovered);
    }

    [Fact]
    public void RepeatedRuns_AddNoRows()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 2));
        DeleteNewerEvent(harness);
        IngestMatches(harness, OldLogs, count: 9);

        var rows = new List<long>();
        for (var run = 0; run < 5; run++)
        {
            harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));
            rows.Add(CountUncoveredRows(harness));
        }

        Assert.Equal([1, 1, 1, 1, 0], rows);
        Assert.Equal(9, harness.Alerts().Count);
    }

    [Fact]
    public void RepeatedRunsAfterDeletion_KeepRowCount()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule(maxSignals: 2));

        // The last match is stored first, so the deletion removes it and keeps the other nine.
        harness.Ingest(StopLogging(OldLogs.AddSeconds(9), "match-9"));
        harness.Clock.Advance(TimeSpan.FromMinutes(90));
        for (var i = 0; i < 9; i++)
        {
            harness.Ingest(StopLogging(OldLogs.AddSeconds(i), $"match-{i}"));
        }

        harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));
        harness.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, harness.Store.DeleteExpiredEvents(TimeSpan.FromHours(1)));

        var rows = new List<long>();
        var afterFirstRerun = new List<UncoveredRange>();
        for (var run = 0; run < 4; run++)
        {
            harness.RunManual(RuleId, OldLogs.AddMinutes(-1), OldLogs.AddMinutes(4));
            rows.Add(CountUncoveredRows(harness));
            if (run == 0)
            {
                afterFirstRerun.AddRange(Assert.Single(harness.Scheduler.Status()).Uncovered);
            }
        }

        // Beside the range that lost "match-9", each run lists the stored matches still without an
        // alert, which the next run replaces, until every stored match has an alert.
        Assert.Equal([2, 2, 2, 1], rows);
        var stillStored = Assert.Single(afterFirstRerun, u => u.Kind == UncoveredKind.MaxSignals);
        Assert.Equal(OldLogs.AddSeconds(4), stillStored.Window.From);
        Assert.Equal(OldLogs.AddSeconds(8), stillStored.Window.To);
        Assert.Equal(5, stillStored.NotAlerted);
        Assert.Equal(9, harness.Alerts().Count);
        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(OldLogs.AddSeconds(2), range.Window.From);
        Assert.Equal(OldLogs.AddSeconds(9), range.Window.To);
        Assert.Equal(UncoveredKind.Expired, range.Kind);
        Assert.Equal(8, range.NotAlerted);
    }

    [Fact]
    public void Version7Range_StaysAfterUpgrade()
    {
        var rule = StopLoggingRule(maxSignals: 2);
        using var harness = new SchedulerHarness(TenOClock, createData: data => CreateVersion7Store(data, rule.Uuid));
        harness.Register(rule);
        IngestMatches(harness, OldLogs, count: 5);
        var newerGroup = OldLogs.AddHours(1);
        IngestMatches(harness, newerGroup, count: 5);

        for (var run = 0; run < 3; run++)
        {
            harness.RunManual(RuleId, OldLogs.AddMinutes(-1), newerGroup.AddMinutes(4));
        }

        // The version 7 row does not record when its matches were stored, so it stays, while the
        // range that the first run created in the newer group clears.
        Assert.Equal(MigrationList.All.Count, harness.Store.SchemaVersion);
        Assert.Equal(10, harness.Alerts().Count);
        var range = Assert.Single(Assert.Single(harness.Scheduler.Status()).Uncovered);
        Assert.Equal(OldLogs.AddSeconds(2), range.Window.From);
        Assert.Equal(OldLogs.AddSeconds(4), range.Window.To);
        Assert.Equal(UncoveredKind.Expired, range.Kind);
        Assert.IsType<DBNull>(ReadScalar(harness, "SELECT not_alerted_min_ingested FROM rule_uncovered"));
    }

    /// <summary>
    /// Stores a non-matching event with a later <c>@timestamp</c> than the old logs and lets
    /// retention delete it two hours later, as a <c>serve --retention 1h</c> would.
    /// </summary>
    private static void DeleteNewerEvent(SchedulerHarness harness)
    {
        harness.Ingest(StopLogging(TenOClock.AddHours(-1), "newer", action: "StartLogging"));
        harness.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, harness.Store.DeleteExpiredEvents(TimeSpan.FromHours(1)));
        Assert.Equal(TenOClock.AddHours(-1).ToUnixTimeMilliseconds(), harness.Store.ReadRetentionCutoff()!.MaxTimestampMs);
    }

    /// <summary>Stores <paramref name="count"/> matches now, one per second of <c>@timestamp</c> from <paramref name="first"/>.</summary>
    private static void IngestMatches(SchedulerHarness harness, DateTimeOffset first, int count)
    {
        for (var i = 0; i < count; i++)
        {
            harness.Ingest(StopLogging(first.AddSeconds(i), $"{first.ToUnixTimeSeconds()}-{i}"));
        }
    }

    private static long CountUncoveredRows(SchedulerHarness harness) =>
        (long)ReadScalar(harness, "SELECT count(*) FROM rule_uncovered")!;

    private static object? ReadScalar(SchedulerHarness harness, string sql)
    {
        using var connection = harness.Store.OpenConnection();
        return StoreCommands.Scalar(connection, null, sql);
    }

    /// <summary>
    /// Writes a version 7 store in which retention deleted events up to a day before the clock
    /// starts, the latest with an <c>@timestamp</c> after the old logs, and the rule has a
    /// <c>max_signals</c> range over the last three of five old matches.
    /// </summary>
    private static void CreateVersion7Store(string data, string ruleUuid)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, VigilStore.DatabaseFileName)};Pooling=false");
        connection.Open();
        MigrationRunner.Migrate(connection, MigrationList.All.Take(7).ToList());
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO event_retention (id, ingested_before, max_timestamp) VALUES (1, $cutoff, $latest);
            INSERT INTO rule_uncovered (rule_uuid, from_ms, to_ms, reason, will_retry, kind, not_alerted)
            VALUES ($rule, $from, $to, 'max_signals (2) reached at 2026-12-03T10:00:00.000Z: 3 matches were not alerted', 0, 'max_signals', 3);
            """;
        command.Parameters.AddWithValue("$cutoff", TenOClock.AddDays(-1).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$latest", TenOClock.AddDays(-1).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$rule", ruleUuid);
        command.Parameters.AddWithValue("$from", OldLogs.AddSeconds(2).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", OldLogs.AddSeconds(4).ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}
