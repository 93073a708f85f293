using Vigil.Store;

namespace Vigil.Serve;

/// <summary>
/// A run over a range the user names, like Kibana's manual run: the range is searched in
/// interval-sized chunks, oldest first, each with its own <c>max_signals</c>, and its alerts carry
/// <c>kibana.alert.rule.execution.type: manual</c>.
/// </summary>
internal sealed class ManualRun(ScheduledRule rule, ISchedulerStateStore store, ExecutionServices services)
{
    /// <summary>
    /// Searches <paramref name="range"/> chunk by chunk and saves the log as it goes. When
    /// <paramref name="cancellationToken"/> is cancelled, it stops after the current chunk, saves the
    /// chunks searched and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public ManualRunSummary Run(TimeWindow range, Action<ExecutionLogEntry>? saved, CancellationToken cancellationToken)
    {
        var startedAt = services.Clock.GetUtcNow();
        var context = new ExecutionContext(startedAt, ExecutionKind.Manual);
        var log = new ManualRunLog(rule, context, store, services) { Saved = saved };
        foreach (var chunk in CoverageLedger.Chunks(range, rule.Timing.Interval))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                log.Save();
                cancellationToken.ThrowIfCancellationRequested();
            }

            log.Add(Search(chunk, log, context));
        }

        log.Save();
        return log.Summary;
    }

    private ExecutionLogEntry Search(TimeWindow chunk, ManualRunLog log, ExecutionContext context)
    {
        var record = new ExecutionRecord(rule, context, services.Clock);
        try
        {
            log.Searched(chunk, services.SearchOnly(rule, context, record, chunk));
        }
        catch (Exception error) when (error is not OperationCanceledException && !StoreWriteAccess.IsReadOnlyError(error))
        {
            record.Fail($"the manual run failed: {error.Message}");
        }

        return record.Finish();
    }
}
