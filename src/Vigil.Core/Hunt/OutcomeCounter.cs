using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// Replays evaluated batches in file order: removes duplicate deliveries, counts every item once as
/// an event, an error or a skip, reports problems and writes alerts.
/// </summary>
internal sealed class OutcomeCounter(IAlertSink sink, HuntSummary summary, IHuntListener listener)
{
    private const string DuplicateReason = "duplicate delivery (same eventID and content)";

    private readonly DuplicateFilter _duplicates = new();

    public void Count(RecordBatch batch)
    {
        var next = 0;
        foreach (var entry in batch.Entries)
        {
            switch (entry.Kind)
            {
                case BatchEntryKind.FileStarted:
                    listener.FileStarted(entry.File, (int)entry.Offset, entry.Length);
                    break;

                case BatchEntryKind.FileFinished:
                    listener.FileFinished(entry.File, FileLength(entry.File));
                    break;

                case BatchEntryKind.Item:
                    Count(new RecordOutcome(entry.Item!));
                    break;

                default:
                    for (; next < entry.OutcomeEnd; next++)
                    {
                        ReadMetrics.Count(batch.Outcomes[next].Item.Outcome);
                        Count(batch.Outcomes[next]);
                    }

                    break;
            }
        }
    }

    private void Count(RecordOutcome outcome)
    {
        summary.Records++;
        HuntMetrics.RecordsRead.Add(1);
        switch (outcome.Item.Outcome)
        {
            case ReadOutcome.Error:
                CountError(outcome.Item);
                return;

            case ReadOutcome.Skipped:
                CountSkip(outcome.Item.Reason ?? "skipped");
                return;

            default:
                CountEvent(outcome);
                return;
        }
    }

    private void CountEvent(RecordOutcome outcome)
    {
        if (outcome.ContentHash is { } hash && _duplicates.IsDuplicate(hash))
        {
            CountSkip(DuplicateReason);
            return;
        }

        if (outcome.Failure is not null)
        {
            CountError(outcome.Item with { Outcome = ReadOutcome.Error, Reason = $"record could not be processed: {outcome.Failure}" });
            return;
        }

        // Elastic indexes a document even when a processor fails (event.kind: pipeline_error),
        // and rules still match its other fields, so it is an event here too, and reported.
        if (outcome.MappingError is not null)
        {
            summary.EventsWithMappingErrors++;
            listener.MappingFailed(outcome.Item with { Reason = outcome.MappingError });
        }

        summary.Events++;
        HuntMetrics.Events.Add(1);
        foreach (var (rule, alert) in outcome.Alerts ?? [])
        {
            summary.CountAlert(rule.Rule);
            HuntMetrics.Alerts.Add(1, new KeyValuePair<string, object?>("rule_id", rule.Rule.RuleId));
            sink.Write(rule.Rule, alert);
        }
    }

    private void CountError(ReadItem error)
    {
        summary.Errors++;
        HuntMetrics.Errors.Add(1);
        listener.RecordFailed(error);
    }

    private void CountSkip(string reason)
    {
        summary.CountSkip(reason);
        HuntMetrics.Skipped.Add(1);
    }

    private static long FileLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
