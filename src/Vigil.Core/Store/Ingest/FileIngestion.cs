using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>One ingest of one file: plan the segment, skip what was committed, then commit batches with the checkpoint.</summary>
internal sealed class FileIngestion(VigilStore store, IngestOptions options, CloudTrailReader reader, string path, long? maxLength = null, bool holdPartialTail = false)
{
    private const string DuplicateReason = "duplicate delivery (same eventID and content)";

    private readonly FileIngestResult _result = new(path);

    // The file's first skip as not CloudTrail JSON, which its checkpoint keeps while the file has given no event.
    private string? _notCloudTrail;
    private bool _gaveEvent;

    public FileIngestResult Run(CancellationToken cancellationToken)
    {
        using var file = RegularFile.IsRegularOrUnknown(path) ? TryOpen() : null;
        if (file is null)
        {
            // The reader turns a missing, unreadable or special file (or a name that is not valid
            // UTF-8) into one error item naming it.
            _result.Unreadable = true;
            foreach (var item in reader.ReadFile(path))
            {
                CountInto(_result, item, null, null, null);
            }

            return _result;
        }

        using var connection = store.OpenConnection();
        var checkpoint = CheckpointTable.Find(connection, path);
        var segment = FileSegment.Plan(file, checkpoint, maxLength, holdPartialTail, cancellationToken, out var tailHeld);
        _result.TailHeld = tailHeld;
        if (segment is null)
        {
            _result.EarlierNotCloudTrailLocation = checkpoint?.NotCloudTrail;
            return _result;
        }

        ContinueNotCloudTrailMark(checkpoint, segment);
        _result.ReadNewData = true;
        file.Position = segment.Start;
        using var items = new SegmentItems(reader, file, path, segment);
        items.SkipCommitted();
        CommitBatches(connection, items, checkpoint, segment, cancellationToken);
        return _result;
    }

    private void CommitBatches(SqliteConnection connection, SegmentItems items, IngestCheckpoint? checkpoint, FileSegment segment, CancellationToken cancellationToken)
    {
        using var writer = new EventRowWriter(connection);
        var previous = checkpoint;
        var done = segment.ItemsDone;
        var finished = false;
        while (!finished)
        {
            cancellationToken.ThrowIfCancellationRequested();

            using var transaction = connection.BeginTransaction(deferred: false);
            var batch = new FileIngestResult(path);
            var count = 0;
            var ingested = store.TimeProvider.GetUtcNow();
            while (count < options.BatchSize && !finished)
            {
                cancellationToken.ThrowIfCancellationRequested();
                finished = !items.TryNext(out var item, out var facts);
                if (!finished)
                {
                    count++;
                    CountInto(batch, item, facts, items, (writer, ingested));
                }
            }

            var next = new IngestCheckpoint(path, segment.Start, segment.End, done + count, finished, segment.Fingerprint, _gaveEvent ? null : _notCloudTrail);
            if (!CheckpointTable.TryAdvance(connection, transaction, previous, next, store.NowMilliseconds()))
            {
                transaction.Rollback();
                LeaveToOtherProcess();
                return;
            }

            // SQLite commits into a deleted vigil.db without an error, so one stat per batch keeps
            // an ingest of a large file from reporting events that no store holds.
            store.CheckDatabaseFile();
            transaction.Commit();
            _result.Add(batch);
            previous = next;
            done += count;
        }
    }

    private void CountInto(FileIngestResult counts, ReadItem item, RecordFacts? facts, SegmentItems? items, (EventRowWriter Writer, DateTimeOffset Ingested)? target)
    {
        counts.Records++;
        switch (item.Outcome)
        {
            case ReadOutcome.Error:
                counts.Errors++;
                options.ProblemFound?.Invoke(item);
                return;

            case ReadOutcome.Skipped:
                counts.CountSkip(item.Reason ?? "skipped");
                options.ItemSkipped?.Invoke(item);
                if (item.Reason == NotCloudTrail.Reason)
                {
                    _notCloudTrail ??= item.Location;
                }

                return;

            default:
                var (writer, ingested) = target!.Value;
                if (facts is { } scanned && RawEventRow.TryCreate(scanned, StoreTime.ToMilliseconds(ingested), out var row))
                {
                    Insert(counts, writer, row, items!.RawRecord);
                    return;
                }

                StoreMapped(counts, item, item.Record ?? Parse(items!.RawRecord), writer, ingested);
                return;
        }
    }

    // The scanner accepted these bytes, so the parser does too.
    private static JsonObject? Parse(ReadOnlySpan<byte> json) => RecordParser.TryParseScanned(json, out var record) ? record : null;

    /// <summary>Maps a record that cannot be stored raw, and stores its document.</summary>
    private void StoreMapped(FileIngestResult counts, ReadItem item, JsonObject? record, EventRowWriter writer, DateTimeOffset ingested)
    {
        MapResult mapped;
        EventRow row;

        // A fault on a hostile record counts it once, as an error, and the ingest goes on.
        try
        {
            ArgumentNullException.ThrowIfNull(record);
            mapped = CloudTrailMapper.Map(record);
            row = EventRow.Create(record, mapped.Document, ingested);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            counts.Errors++;
            options.ProblemFound?.Invoke(item with { Outcome = ReadOutcome.Error, Record = null, Reason = $"record could not be mapped: {exception.Message}" });
            return;
        }

        if (!Insert(counts, writer, row))
        {
            return;
        }

        // Only parsed records get here: a scanned one always has one of the two.
        if (!record.ContainsKey("eventName") && !record.ContainsKey("eventTime"))
        {
            counts.EventsWithoutCloudTrailFields++;
        }

        if (mapped.Error is not null)
        {
            counts.EventsWithMappingErrors++;
            options.ProblemFound?.Invoke(item with { Record = null, Reason = mapped.Error });
        }
    }

    /// <summary>Inserts <paramref name="row"/> and counts it; returns <c>false</c> for a duplicate.</summary>
    private bool Insert(FileIngestResult counts, EventRowWriter writer, EventRow row, ReadOnlySpan<byte> rawRecord = default)
    {
        _gaveEvent = true;
        if (!writer.TryInsert(row, rawRecord))
        {
            counts.Duplicates++;
            StoreMetrics.DuplicatesSkipped.Add(1);
            return false;
        }

        counts.Stored++;
        StoreMetrics.EventsStored.Add(1);
        return true;
    }

    /// <summary>
    /// Takes over the checkpoint's not-CloudTrail mark when <paramref name="segment"/> goes on from
    /// the bytes it covers: a resumed segment, or bytes appended since. A read from byte 0, of a new
    /// or replaced file, starts without one.
    /// </summary>
    private void ContinueNotCloudTrailMark(IngestCheckpoint? checkpoint, FileSegment segment)
    {
        if (checkpoint is null || (segment.Start == 0 && segment.ItemsDone == 0))
        {
            return;
        }

        // A checkpoint without a mark does not tell a file that gave events from one that had no
        // such skip, so it is taken as one that gave events, and the file is never named.
        _notCloudTrail = checkpoint.NotCloudTrail;
        _gaveEvent = checkpoint.NotCloudTrail is null;
    }

    /// <summary>
    /// Notes that another process advanced the checkpoint. The rolled-back batch is not counted,
    /// because that process reads and counts those records itself.
    /// </summary>
    private void LeaveToOtherProcess()
    {
        _result.LeftToOtherProcess = true;
        options.FileLeft?.Invoke(path);
    }

    private FileStream? TryOpen()
    {
        try
        {
            return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
