using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// One run over the input files: reads them into batches of raw records, has the pipeline
/// evaluate the batches, and counts the outcomes in file order.
/// </summary>
internal sealed class HuntPass : IDisposable
{
    private readonly CloudTrailReader _reader;
    private readonly BatchPipeline _pipeline;
    private readonly OutcomeCounter _counter;
    private readonly IAlertSink _sink;
    private RecordBatch _batch;

    public HuntPass(
        IReadOnlyList<PreparedRule> rules,
        IAlertSink sink,
        HuntSummary summary,
        IHuntListener listener,
        DateTimeOffset executionTime,
        HuntOptions options)
    {
        // One thread means one core: large files are then read on the hunt's own thread too.
        _reader = new CloudTrailReader
        {
            ReadAheadFrom = options.Threads > 1 ? options.ReadAheadFrom : long.MaxValue,
            PipesToRead = options.Paths.ToHashSet(StringComparer.Ordinal),
            OnPipeQuiet = HandOverWhileQuiet,
        };
        _sink = sink;
        _counter = new OutcomeCounter(sink, summary, listener, executionTime);
        _pipeline = new BatchPipeline(
            options.Threads,
            () => new RecordEvaluator(new RuleRouter(rules, options.Routing), options.Prefilter, executionTime, HuntTimeRange.For(options)),
            _counter.Count);
        _batch = _pipeline.Rent();
    }

    public void ReadFile(string path, int index, int count, CancellationToken cancellationToken)
    {
        _batch.AddFileStarted(path, index, count);

        using var items = _reader.ReadFileRaw(path, (json, item, offset, unvalidated, after, shared) => AddRecord(json, after, item, offset, unvalidated, shared, cancellationToken)).GetEnumerator();
        var stopped = false;
        while (!stopped && TryNext(items, path, out var item, out stopped))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _batch.AddItem(item);
            SubmitIfFull();
        }

        _batch.AddFileFinished(path);
        SubmitIfFull();
    }

    /// <summary>
    /// Evaluates and counts the records read so far while an input pipe has no data, and writes
    /// out their alerts, so that they do not wait for a full batch that may never come.
    /// </summary>
    /// <remarks>
    /// Batches stay in input order, so alerts, their ids and the counts are those of any other
    /// batching. A pipe that never pauses for <see cref="QuietPipeStream.QuietAfter"/> is read in
    /// full batches, which run in parallel.
    /// </remarks>
    private void HandOverWhileQuiet()
    {
        if (_batch.Entries.Count > 0)
        {
            Submit();
        }

        _pipeline.Complete();
        _sink.Flush();
    }

    /// <summary>Hands the last batch over and waits until every outcome is counted.</summary>
    public void Complete()
    {
        Submit();
        _pipeline.Complete();
    }

    public void Dispose()
    {
        _batch.Dispose();
        _pipeline.Dispose();
    }

    // Faults of the process itself (out of memory, cancellation) still end the hunt.
    internal static bool IsRecoverable(Exception ex) => ex is not (OutOfMemoryException or OperationCanceledException or Output.AlertOutputException);

    private void AddRecord(ReadOnlySpan<byte> json, ReadOnlySpan<byte> after, ReadItem item, long offset, UnvalidatedElement? unvalidated, ChunkSlice? shared, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _batch.AddRecord(json, after, item, offset, unvalidated, shared);
        SubmitIfFull();
    }

    private void SubmitIfFull()
    {
        if (_batch.IsFull)
        {
            Submit();
        }
    }

    private void Submit()
    {
        var full = _batch;
        _batch = _pipeline.Rent();
        _pipeline.Submit(full);
    }

    /// <summary>
    /// Moves to the next item. A reader fault ends this file as one counted error, so one bad file
    /// never ends the hunt.
    /// </summary>
    private static bool TryNext(IEnumerator<ReadItem> items, string path, out ReadItem item, out bool stopped)
    {
        stopped = false;
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
            item = new ReadItem(ReadOutcome.Error, path, "file", null, $"reading stopped, the rest of this file is not read: {ex.Message}");
            stopped = true;
            return true;
        }

        item = null!;
        return false;
    }
}
