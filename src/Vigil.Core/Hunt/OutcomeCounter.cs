using System.IO.Hashing;
using System.Runtime.InteropServices;
using Vigil.Detect.Rules;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// Replays evaluated batches in file order: removes duplicate deliveries, counts every item once as
/// an event, an error or a skip, reports problems and writes alerts.
/// </summary>
/// <remarks>
/// The workers have written most alerts already, while each event's node tree was at hand. Here
/// they are passed on in file order, once the event is known not to be a duplicate delivery. The
/// alerts of an event that many rules matched are written here, from its document kept as JSON.
/// </remarks>
internal sealed class OutcomeCounter(IAlertSink sink, HuntSummary summary, IHuntListener listener, DateTimeOffset executionTime)
{
    private const string DuplicateReason = "duplicate delivery (same eventID and content)";

    // How many outcomes ahead the duplicate set's slot is loaded: enough for one memory access to
    // finish while the outcomes before it are counted.
    private const int PrefetchDistance = 8;

    private readonly DuplicateFilter _duplicates = new();
    private readonly HashSet64 _alertIds = new();
    private readonly WrittenAlerts.Scratch _alertScratch = new();

    // Records of the current file found by evaluation, less the raw records its reader counted.
    // An envelope contains several, and an element framed by its structure alone may be invalid.
    private int _recordsBeyondRaw;

    // Events of the current file, and those of them without eventName and eventTime.
    private long _fileEvents;
    private long _fileEventsLackingFields;

    public void Count(RecordBatch batch)
    {
        sink.ThrowIfFailed();
        var next = 0;
        foreach (var entry in batch.Entries)
        {
            switch (entry.Kind)
            {
                case BatchEntryKind.FileStarted:
                    _recordsBeyondRaw = 0;
                    (_fileEvents, _fileEventsLackingFields) = (0, 0);
                    listener.FileStarted(entry.File, (int)entry.Offset, entry.Length);
                    break;

                case BatchEntryKind.FileFinished:
                    if (_fileEventsLackingFields > 0)
                    {
                        listener.EventsLackCloudTrailFields(entry.File, _fileEventsLackingFields, _fileEvents);
                    }

                    listener.FileFinished(entry.File, FileLength(entry.File));
                    break;

                case BatchEntryKind.Item:
                    Count(new RecordOutcome(CorrectRecovered(entry.Item!)));
                    break;

                default:
                    _recordsBeyondRaw--;
                    for (; next < entry.OutcomeEnd; next++)
                    {
                        PrefetchDuplicateSlot(batch, next + PrefetchDistance);
                        ReadMetrics.Count(batch.Outcomes[next].Item.Outcome);
                        _recordsBeyondRaw += batch.Outcomes[next].Item.Outcome == ReadOutcome.Record ? 1 : 0;
                        Count(batch.Outcomes[next]);
                    }

                    break;
            }
        }
    }

    private void PrefetchDuplicateSlot(RecordBatch batch, int outcome)
    {
        if (outcome < batch.Outcomes.Count && batch.Outcomes[outcome].ContentHash is { } hash)
        {
            _duplicates.Prefetch(hash);
        }
    }

    /// <summary>Corrects the records recovered that a reader error names to the records evaluation found.</summary>
    private ReadItem CorrectRecovered(ReadItem item) =>
        _recordsBeyondRaw != 0 && item.Reason is { } reason
            ? item with { Reason = RecordStreamReader.CorrectRecovered(reason, _recordsBeyondRaw) }
            : item;

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
                if (outcome.Item.Reason == NotCloudTrail.Reason)
                {
                    listener.SkippedNotCloudTrail(outcome.Item);
                }

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

        var alerts = outcome.Alerts;
        var failure = outcome.Failure;
        if (failure is null && outcome.Deferred is { } deferred)
        {
            alerts = TryWrite(deferred, out failure);
        }

        if (failure is not null)
        {
            CountError(outcome.Item with { Outcome = ReadOutcome.Error, Reason = $"record could not be processed: {failure}" });
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
        _fileEvents++;
        if (outcome.LacksCloudTrailFields)
        {
            summary.EventsWithoutCloudTrailFields++;
            _fileEventsLackingFields++;
        }

        summary.EventsOutsideTimeRange += outcome.TimePosition == EventTimePosition.OutOfRange ? 1 : 0;
        summary.EventsWithoutTimestamp += outcome.TimePosition == EventTimePosition.NoTimestamp ? 1 : 0;

        foreach (var alert in alerts?.Alerts ?? [])
        {
            if (!_alertIds.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(alert.Uuid.AsSpan()))))
            {
                summary.AlertsWithRepeatedId++;
                continue;
            }

            summary.CountAlert(alert.Rule.Rule, alert.Severity);
            HuntMetrics.Alerts.Add(1, new KeyValuePair<string, object?>("rule_id", alert.Rule.Rule.RuleId));
            Write(alert.Rule.Rule, alerts!.Text(alert, _alertScratch));
        }
    }

    // A fault on a hostile record makes it one counted error, as a fault while mapping does.
    private WrittenAlerts? TryWrite(DeferredAlerts deferred, out string? failure)
    {
        failure = null;
        try
        {
            return WrittenAlerts.Write(deferred.Rules, deferred.Document, executionTime, _alertScratch);
        }
        catch (Exception ex) when (HuntPass.IsRecoverable(ex))
        {
            failure = ex.Message;
            return null;
        }
    }

    /// <summary>Hands an alert to the sink. A sink's fault stops the hunt as a failed output, never as a fault of the file being read.</summary>
    private void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
    {
        try
        {
            sink.Write(rule, alert);
        }
        catch (Exception ex) when (ex is not (AlertOutputException or OperationCanceledException or OutOfMemoryException))
        {
            throw new AlertOutputException($"an alert of rule {rule.RuleId} could not be written: {ex.Message}", ex);
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
