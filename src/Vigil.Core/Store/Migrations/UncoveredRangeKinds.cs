namespace Vigil.Store;

/// <summary>
/// Schema version 6: gives each <c>rule_uncovered</c> row the kind of loss that left it uncovered
/// and, for <c>max_signals</c>, the count of matches without an alert, so that a later complete
/// search can clear or shrink the ranges it can vouch for.
/// </summary>
/// <remarks>
/// Older rows get their kind from the reason texts that version 5 wrote: "max_signals (N) reached
/// at T: C matches were not alerted", "the rule was disabled", a retried failed search, and
/// otherwise a range older than the retention. The count is the number after the first ": " (the
/// time has colons but none followed by a space), which SQLite's <c>CAST</c> reads from the start
/// of "C matches …".
/// </remarks>
internal static class UncoveredRangeKinds
{
    public static Migration Step { get; } = Migration.Sql(6, "kinds of uncovered ranges", Script);

    private const string Script = """
        ALTER TABLE rule_uncovered ADD COLUMN kind TEXT NOT NULL DEFAULT 'expired';
        ALTER TABLE rule_uncovered ADD COLUMN not_alerted INTEGER NOT NULL DEFAULT 0;
        UPDATE rule_uncovered SET kind = 'search_failed' WHERE will_retry = 1;
        UPDATE rule_uncovered SET kind = 'disabled' WHERE will_retry = 0 AND reason = 'the rule was disabled';
        UPDATE rule_uncovered
            SET kind = 'max_signals',
                not_alerted = CAST(substr(reason, instr(reason, ': ') + 2) AS INTEGER)
            WHERE will_retry = 0 AND reason LIKE 'max_signals (%) reached at %: %';
        """;
}
