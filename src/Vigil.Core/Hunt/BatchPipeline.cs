using System.Collections.Concurrent;

namespace Vigil.Hunt;

/// <summary>
/// Evaluates batches on worker threads and hands them back to the caller's thread in the order
/// they were submitted, so output order and counts do not depend on the thread count.
/// </summary>
/// <remarks>
/// At most twice as many batches as threads are in flight, which bounds memory. With one thread
/// each batch is evaluated on the caller's thread as it is submitted.
/// </remarks>
internal sealed class BatchPipeline(int threads, Func<RecordEvaluator> createEvaluator, Action<RecordBatch> consume)
{
    private readonly Queue<Task<RecordBatch>> _inFlight = new();
    private readonly ConcurrentBag<RecordEvaluator> _evaluators = [];

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
        var evaluator = Rent();
        batch.Evaluate(evaluator);
        _evaluators.Add(evaluator);
        return batch;
    }

    private RecordEvaluator Rent() => _evaluators.TryTake(out var evaluator) ? evaluator : createEvaluator();

    private void FinishOldest() => Finish(_inFlight.Dequeue().GetAwaiter().GetResult());

    private void Finish(RecordBatch batch)
    {
        using (batch)
        {
            consume(batch);
        }
    }
}
