using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>One run over the input files: the reader, the duplicate filter and the counters.</summary>
internal sealed class HuntPass(
    IReadOnlyList<PreparedRule> rules,
    IAlertSink sink,
    HuntSummary summary,
    IHuntListener listener,
    DateTimeOffset executionTime)
{
    private const string DuplicateReason = "duplicate delivery (same eventID and content)";

    private readonly CloudTrailReader _reader = new();
    private readonly DuplicateFilter _duplicates = new();

    public void ReadFile(string path, int index, int count, CancellationToken cancellationToken)
    {
        listener.FileStarted(path, index, count);

        using var items = _reader.ReadFile(path).GetEnumerator();
        while (TryNext(items, path, out var item))
        {
            cancellationToken.ThrowIfCancellationRequested();
            summary.Records++;
            HuntMetrics.RecordsRead.Add(1);
            Handle(item);
        }

        listener.FileFinished(path, FileLength(path));
    }

    /// <summary>
    /// Moves to the next record. A reader fault ends this file as one counted error, so one bad file
    /// never ends the hunt.
    /// </summary>
    private bool TryNext(IEnumerator<ReadItem> items, string path, out ReadItem item)
    {
        try
        {
            if (items.MoveNext())
            {
                item = items.Current;
                return true;
            }
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            summary.Records++;
            CountError(new ReadItem(ReadOutcome.Error, path, "file", null, $"reading stopped, the rest of this file is not read: {ex.Message}"));
        }

        item = null!;
        return false;
    }

    private void Handle(ReadItem item)
    {
        switch (item.Outcome)
        {
            case ReadOutcome.Error:
                CountError(item);
                return;

            case ReadOutcome.Skipped:
                CountSkip(item.Reason ?? "skipped");
                return;

            default:
                HandleRecord(item);
                return;
        }
    }

    private void HandleRecord(ReadItem item)
    {
        bool duplicate;
        MapResult mapped;
        List<(PreparedRule Rule, JsonObject Alert)> alerts;

        // Everything that depends on the record's content is done before any counter moves, so a
        // fault on a hostile record counts it once, as an error, and the hunt goes on.
        try
        {
            duplicate = _duplicates.IsDuplicate(item.Record!);
            mapped = duplicate ? null! : CloudTrailMapper.Map(item.Record!);
            alerts = duplicate ? [] : Detect(mapped.Document);
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            CountError(item with { Outcome = ReadOutcome.Error, Record = null, Reason = $"record could not be processed: {ex.Message}" });
            return;
        }

        if (duplicate)
        {
            CountSkip(DuplicateReason);
            return;
        }

        // Elastic indexes a document even when a processor fails (event.kind: pipeline_error),
        // and rules still match its other fields, so it is an event here too, and reported.
        if (mapped.Error is not null)
        {
            summary.EventsWithMappingErrors++;
            listener.MappingFailed(item with { Record = null, Reason = mapped.Error });
        }

        summary.Events++;
        HuntMetrics.Events.Add(1);
        foreach (var (rule, alert) in alerts)
        {
            summary.CountAlert(rule.Rule);
            HuntMetrics.Alerts.Add(1, new KeyValuePair<string, object?>("rule_id", rule.Rule.RuleId));
            sink.Write(rule.Rule, alert);
        }
    }

    private List<(PreparedRule, JsonObject)> Detect(EcsDocument document)
    {
        var alerts = new List<(PreparedRule, JsonObject)>();
        foreach (var rule in rules)
        {
            if (rule.Window.Contains(document) && rule.Matches(document))
            {
                alerts.Add((rule, AlertBuilder.Build(rule.Rule, document, executionTime)));
            }
        }

        return alerts;
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

    // Faults of the process itself (out of memory, cancellation) still end the hunt.
    private static bool IsRecoverable(Exception ex) => ex is not (OutOfMemoryException or OperationCanceledException);

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
