using Vigil.Store;

namespace Vigil.Serve;

/// <summary>
/// Searches the ranges a rule owes coverage for and has not searched (after downtime, a slow run or
/// a failed execution), oldest first, in interval-sized chunks that each get their own
/// <c>max_signals</c> and log entry. Ranges older than the retention are given up with that reason,
/// and a searched chunk where another process's retention deleted events is listed as expired.
/// </summary>
internal sealed class LedgerBackfill(ScheduledRule rule, RuleStateChanges changes, ExecutionServices services)
{
    public IReadOnlyList<ExecutionLogEntry> Run(DateTimeOffset startedAt)
    {
        var ledger = changes.State.Ledger;
        if (!services.Options.BackfillUncovered || changes.State.CoverageStartMs is not { } owedFrom || ledger.Ranges.Count == 0)
        {
            return [];
        }

        var retainedFrom = RetainedFrom(startedAt);
        changes.Apply(state => GiveUpExpired(state, owedFrom, retainedFrom));
        if (owedFrom < retainedFrom)
        {
            changes.Apply(state =>
            {
                state.Ledger.TrimBefore(retainedFrom);
                state.CoverageStartMs = retainedFrom;
            });
            owedFrom = retainedFrom;
        }

        var entries = new List<ExecutionLogEntry>();
        var holes = ledger.Uncovered(Math.Max(owedFrom, retainedFrom), ledger.Ranges[^1].To);
        foreach (var chunk in holes.SelectMany(hole => CoverageLedger.Chunks(hole, rule.Timing.Interval)))
        {
            if (entries.Count == services.Options.MaxBackfillChunksPerRun)
            {
                break;
            }

            entries.Add(SearchChunk(startedAt, chunk));
        }

        return entries;
    }

    /// <summary>
    /// Returns the start of the range on the rule's time axis whose events retention has kept. On
    /// <c>event.ingested</c> that is the retention period back from now. Retention deletes by
    /// <c>event.ingested</c>, so on <c>@timestamp</c> it is after the latest <c>@timestamp</c> the
    /// store records as deleted: an event stored late into an old hole is still there to search.
    /// </summary>
    private long RetainedFrom(DateTimeOffset startedAt) => rule.StoredTimeField == EventTimeField.Ingested
        ? (startedAt - services.Options.Retention).ToUnixTimeMilliseconds()
        : services.RetainedFromMs(rule);

    private void GiveUpExpired(RuleState state, long owedFrom, long retainedFrom)
    {
        // Nothing was deleted yet, so no range is expired, and retainedFrom - 1 would wrap around.
        if (retainedFrom == long.MinValue)
        {
            return;
        }

        foreach (var hole in state.Ledger.Uncovered(owedFrom, retainedFrom - 1))
        {
            var reason = rule.StoredTimeField == EventTimeField.Ingested
                ? $"older than the event retention ({RetentionPeriod.Format(services.Options.Retention)}) before it could be searched"
                : "retention deleted events of this range before it could be searched";
            state.Uncovered.RemoveAll(u => u.WillRetry && u.Window.ToMs <= hole.ToMs && u.Window.FromMs >= hole.FromMs);
            state.Uncovered.Add(new UncoveredRange(hole, reason, WillRetry: false, UncoveredKind.Expired));
            state.Ledger.Add(hole);
        }
    }

    private ExecutionLogEntry SearchChunk(DateTimeOffset startedAt, TimeWindow chunk)
    {
        var context = new ExecutionContext(startedAt, ExecutionKind.Backfill);
        var record = new ExecutionRecord(rule, context, services.Clock);
        try
        {
            services.SearchWindow(rule, changes, context, record, chunk);
            ListDeletedBeforeSearch(chunk);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var reason = $"the backfill search failed: {error.Message}";
            record.Fail(reason);
            changes.Apply(state =>
            {
                state.Uncovered.RemoveAll(u => u.WillRetry && u.Window == chunk);
                state.Uncovered.Add(new UncoveredRange(chunk, reason, WillRetry: true, UncoveredKind.SearchFailed));
            });
        }

        return record.Finish();
    }

    /// <summary>
    /// Lists the part of a searched chunk where the store records that retention deleted events. No
    /// search had covered the chunk, so those events were never alerted on, although the search found
    /// the events still stored there.
    /// </summary>
    private void ListDeletedBeforeSearch(TimeWindow chunk)
    {
        var retainedFrom = services.RetainedFromMs(rule);
        if (chunk.FromMs >= retainedFrom)
        {
            return;
        }

        var deleted = TimeWindow.FromMilliseconds(chunk.FromMs, Math.Min(chunk.ToMs, retainedFrom - 1));
        var range = new UncoveredRange(deleted, "retention deleted events in this range before it could be searched", WillRetry: false, UncoveredKind.Expired);
        changes.Apply(state => state.Uncovered.Add(range));
    }
}
