namespace Vigil.Serve;

/// <summary>
/// A run over a range the user names, like Kibana's manual run: the range is searched in
/// interval-sized chunks, oldest first, each with its own <c>max_signals</c>, and its alerts carry
/// <c>kibana.alert.rule.execution.type: manual</c>.
/// </summary>
internal sealed class ManualRun(ScheduledRule rule, RuleState state, ExecutionServices services)
{
    public IReadOnlyList<ExecutionLogEntry> Run(TimeWindow range)
    {
        var startedAt = services.Clock.GetUtcNow();
        var entries = new List<ExecutionLogEntry>();
        foreach (var chunk in CoverageLedger.Chunks(range, rule.Timing.Interval))
        {
            var context = new ExecutionContext(startedAt, ExecutionKind.Manual);
            var record = new ExecutionRecord(rule, context, services.Clock);
            try
            {
                services.SearchWindow(rule, state, context, record, chunk);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                record.Fail($"the manual run failed: {error.Message}");
            }

            entries.Add(record.Finish());
        }

        return entries;
    }
}
