using System.Collections.Concurrent;

namespace Vigil.Hunt;

/// <summary>
/// Evaluates batches on worker threads and hands them back to the caller's thread in the order
/// they were submitted, so output order and counts do not depend on the thread count.
/// </summary>
/// <remarks>
/// At most twice as many batches as threads are in flight, which bounds memory. With one thread
/// each batch is evaluated on the caller's thread as it is submitted. Consumed batches are reused,
/// so their buffers and lists, which are large enough for the large object heap, are allocated
/// once per hunt rather than once per batch.
/// </remarks>
internal sealed class BatchPipeline(int threads, Func<RecordEvaluator> createEvaluator, Action<RecordBatch> consume) : IDisposable
{
    private readonly Queue<Task<RecordBatch>> _inFlight = new();
    private readonly ConcurrentBag<RecordEvaluator> _evaluators = [];
    private readonly Stack<RecordBatch> _free = new();

    /// <summary>Returns an empty batch to fill and <see cref="Submit"/>.</summary>
    public RecordBatch Rent() => _free.TryPop(out var batch) ? batch : new RecordBatch();

    public void Submit(RecordBatch batch)
    {
        if (threads <= 1)
        {
            Finish(Evaluate(batch));
            return;
        }

        _inFlight.Enqueue(Task.Run(() => Evaluate(batch)));
        while (_inFlight.Count > 2 * threads)
        {
            FinishOldest();
        }
    }

    /// <summary>Waits for every batch in flight and hands each back in order.</summary>
    public void Complete()
    {
        while (_inFlight.Count > 0)
        {
            FinishOldest();
        }
    }

    private RecordBatch Evaluate(RecordBatch batch)
    {
        var evaluator = RentEvaluator();
        batch.Evaluate(evaluator);
        _evaluators.Add(evaluator);
        return batch;
    }

    private RecordEvaluator RentEvaluator() => _evaluators.TryTake(out var evaluator) ? evaluator : createEvaluator();

    private void FinishOldest() => Finish(_inFlight.Dequeue().GetAwaiter().GetResult());

    public void Dispose()
    {
        while (_free.TryPop(out var batch))
        {
            batch.Dispose();
        }
    }

    private void Finish(RecordBatch batch)
    {
        consume(batch);
        batch.Clear();
        _free.Push(batch);
    }
}
