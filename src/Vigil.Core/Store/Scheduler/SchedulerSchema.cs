namespace Vigil.Store.Scheduler;

/// <summary>
/// The scheduler's tables: the rule registry, per-rule state, the coverage ledger, the ranges given
/// up with their reason, and the execution log. Times are Unix epoch milliseconds.
/// </summary>
internal static class SchedulerSchema
{
    /// <summary>The schema step that creates the tables.</summary>
    public static Migration Step { get; } = Migration.Sql(2, "scheduler tables", Create);

    public const string Create = """
        CREATE TABLE rules (
            rule_uuid TEXT PRIMARY KEY,
            rule_id TEXT NOT NULL,
            name TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            version INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            source_file TEXT,
            content_hash TEXT NOT NULL
        );
        CREATE INDEX rules_rule_id ON rules (rule_id);

        CREATE TABLE rule_state (
            rule_uuid TEXT PRIMARY KEY REFERENCES rules (rule_uuid),
            previous_started_at INTEGER,
            next_run_at INTEGER,
            seen_sequence INTEGER,
            coverage_start INTEGER,
            restarted INTEGER NOT NULL,
            last_run_at INTEGER,
            last_status TEXT,
            alert_count INTEGER NOT NULL,
            late_events INTEGER NOT NULL
        );

        CREATE TABLE rule_coverage (
            rule_uuid TEXT NOT NULL,
            from_ms INTEGER NOT NULL,
            to_ms INTEGER NOT NULL,
            PRIMARY KEY (rule_uuid, from_ms)
        ) WITHOUT ROWID;

        CREATE TABLE rule_uncovered (
            rule_uuid TEXT NOT NULL,
            from_ms INTEGER NOT NULL,
            to_ms INTEGER NOT NULL,
            reason TEXT NOT NULL,
            will_retry INTEGER NOT NULL
        );
        CREATE INDEX rule_uncovered_rule ON rule_uncovered (rule_uuid, from_ms);

        CREATE TABLE rule_executions (
            id INTEGER PRIMARY KEY,
            rule_uuid TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            execution_uuid TEXT NOT NULL,
            kind TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NOT NULL,
            windows TEXT NOT NULL,
            status TEXT NOT NULL,
            events_searched INTEGER NOT NULL,
            matches INTEGER NOT NULL,
            alerts_created INTEGER NOT NULL,
            duplicates_skipped INTEGER NOT NULL,
            matches_not_alerted INTEGER NOT NULL,
            late_events INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            warnings TEXT NOT NULL,
            gaps TEXT NOT NULL,
            error TEXT
        );
        CREATE INDEX rule_executions_rule ON rule_executions (rule_uuid, id);
        """;
}
