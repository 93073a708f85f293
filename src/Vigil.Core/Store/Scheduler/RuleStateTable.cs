using Microsoft.Data.Sqlite;
using Vigil.Serve;

namespace Vigil.Store.Scheduler;

/// <summary>The <c>rule_state</c>, <c>rule_coverage</c> and <c>rule_uncovered</c> tables of one rule.</summary>
internal sealed class RuleStateTable(SqliteConnection connection)
{
    public RuleState Load(string ruleUuid)
    {
        var state = new RuleState { RuleUuid = ruleUuid };
        LoadRow(state);
        state.Ledger = new CoverageLedger(LoadCoverage(ruleUuid));
        state.Uncovered.AddRange(LoadUncovered(ruleUuid));
        return state;
    }

    public void Save(RuleState state)
    {
        SaveRow(state);

        connection.Execute("DELETE FROM rule_coverage WHERE rule_uuid = $uuid", ("$uuid", state.RuleUuid));
        foreach (var (from, to) in state.Ledger.Ranges)
        {
            connection.Execute(
                "INSERT INTO rule_coverage (rule_uuid, from_ms, to_ms) VALUES ($uuid, $from, $to)",
                ("$uuid", state.RuleUuid), ("$from", from), ("$to", to));
        }

        connection.Execute("DELETE FROM rule_uncovered WHERE rule_uuid = $uuid", ("$uuid", state.RuleUuid));
        foreach (var range in state.Uncovered)
        {
            connection.Execute(
                """
                INSERT INTO rule_uncovered (rule_uuid, from_ms, to_ms, reason, will_retry, kind, not_alerted, not_alerted_min_ingested)
                VALUES ($uuid, $from, $to, $reason, $retry, $kind, $notAlerted, $minIngested)
                """,
                ("$uuid", state.RuleUuid),
                ("$from", range.Window.FromMs),
                ("$to", range.Window.ToMs),
                ("$reason", range.Reason),
                ("$retry", range.WillRetry ? 1 : 0),
                ("$kind", UncoveredKindNames.Name(range.Kind)),
                ("$notAlerted", range.NotAlerted),
                ("$minIngested", range.NotAlertedMinIngestedMs));
        }
    }

    private void LoadRow(RuleState state)
    {
        using var command = connection.Command(
            """
            SELECT previous_started_at, next_run_at, seen_sequence, coverage_start, restarted,
                   last_run_at, last_status, alert_count, late_events
            FROM rule_state WHERE rule_uuid = $uuid
            """,
            ("$uuid", state.RuleUuid));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return;
        }

        state.PreviousStartedAt = reader.NullableTime(0);
        state.NextRunAt = reader.NullableTime(1);
        state.SeenSequence = reader.NullableInt64(2);
        state.CoverageStartMs = reader.NullableInt64(3);
        state.Restarted = reader.GetInt64(4) != 0;
        state.LastRunAt = reader.NullableTime(5);
        state.LastStatus = reader.NullableString(6);
        state.AlertCount = reader.GetInt64(7);
        state.LateEvents = reader.GetInt64(8);
    }

    private void SaveRow(RuleState state) => connection.Execute(
        """
        INSERT OR REPLACE INTO rule_state (rule_uuid, previous_started_at, next_run_at, seen_sequence,
            coverage_start, restarted, last_run_at, last_status, alert_count, late_events)
        VALUES ($uuid, $previous, $next, $seen, $coverage, $restarted, $lastRun, $lastStatus, $alerts, $late)
        """,
        ("$uuid", state.RuleUuid),
        ("$previous", SqliteCommands.Millis(state.PreviousStartedAt)),
        ("$next", SqliteCommands.Millis(state.NextRunAt)),
        ("$seen", state.SeenSequence),
        ("$coverage", state.CoverageStartMs),
        ("$restarted", state.Restarted ? 1 : 0),
        ("$lastRun", SqliteCommands.Millis(state.LastRunAt)),
        ("$lastStatus", state.LastStatus),
        ("$alerts", state.AlertCount),
        ("$late", state.LateEvents));

    private List<(long From, long To)> LoadCoverage(string ruleUuid)
    {
        using var command = connection.Command(
            "SELECT from_ms, to_ms FROM rule_coverage WHERE rule_uuid = $uuid ORDER BY from_ms", ("$uuid", ruleUuid));
        using var reader = command.ExecuteReader();
        var ranges = new List<(long, long)>();
        while (reader.Read())
        {
            ranges.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return ranges;
    }

    private List<UncoveredRange> LoadUncovered(string ruleUuid)
    {
        using var command = connection.Command(
            """
            SELECT from_ms, to_ms, reason, will_retry, kind, not_alerted, not_alerted_min_ingested
            FROM rule_uncovered WHERE rule_uuid = $uuid ORDER BY from_ms
            """,
            ("$uuid", ruleUuid));
        using var reader = command.ExecuteReader();
        var ranges = new List<UncoveredRange>();
        while (reader.Read())
        {
            var window = TimeWindow.FromMilliseconds(reader.GetInt64(0), reader.GetInt64(1));
            var kind = UncoveredKindNames.Parse(reader.GetString(4));
            ranges.Add(new UncoveredRange(window, reader.GetString(2), reader.GetInt64(3) != 0, kind)
            {
                NotAlerted = reader.GetInt64(5),
                NotAlertedMinIngestedMs = reader.NullableInt64(6),
            });
        }

        return ranges;
    }
}
