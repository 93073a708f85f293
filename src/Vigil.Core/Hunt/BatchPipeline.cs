using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Vigil.Hunt;

/// <summary>
/// Evaluates batches on worker threads and hands them back to the caller's thread in the order
/// they were submitted, so output order and counts do not depend on the thread count.
/// </summary>
/// <remarks>
/// <para>
/// At most four times as many batches as threads are in flight, which bounds memory: a batch keeps
/// the alerts of its matched events until it is handed back. Twice as many left a core idle more often while a
/// slow batch held up the ones behind it (a 1 GB hunt took 2.19 s instead of 1.98 s). But when most
/// records match, four per thread peaked at up to 271 MB on a 200 MiB file (170 to 185 MB with two), so after a batch with more
/// than <see cref="ManyMatched"/> matched events the bound is twice as many batches as threads
/// that can run at once (no more than the cores).
/// With one thread each batch is evaluated on the caller's thread as it is submitted.
/// </para>
/// <para>
/// While the caller waits for the oldest batch, it evaluates batches that no worker has taken yet.
/// Otherwise one core sat idle whenever the oldest batch was slow and the other worker had nothing
/// queued: a tenth of a 1 GB hunt's wall time on two cores.
/// </para>
/// </remarks>
internal sealed class BatchPipeline(int threads, Func<RecordEvaluator> createEvaluator, Action<RecordBatch> consume) : IDisposable
{
    private const int MaxInFlightPerThread = 4;
    private const int MaxInFlightPerThreadWhenMatching = 2;

    /// <summary>Matched events in one batch from which fewer batches are kept in flight (about a tenth of its records).</summary>
    private const int ManyMatched = 64;

    private int _maxInFlight = MaxInFlightPerThread * threads;

    private readonly Queue<Slot> _inFlight = new();
    private readonly ConcurrentQueue<Slot> _pending = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly ConcurrentBag<RecordEvaluator> _evaluators = [];
    private readonly Stack<RecordBatch> _free = new();
    private readonly List<Thread> _workers = [];
    private volatile bool _stopping;

    /// <summary>Returns an empty batch to fill and <see cref="Submit"/>.</summary>
    public RecordBatch Rent() => _free.TryPop(out var batch) ? batch : new RecordBatch();

    public void Submit(RecordBatch batch)
    {
        if (threads <= 1)
        {
            Evaluate(batch);
            Finish(batch);
            return;
        }

        StartWorkers();
        var slot = new Slot(batch);
        _inFlight.Enqueue(slot);
        _pending.Enqueue(slot);
        _queued.Release();
        while (_inFlight.Count > _maxInFlight)
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

    public void Dispose()
    {
        _stopping = true;
        if (_workers.Count > 0)
        {
            _queued.Release(_workers.Count);
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }

        _queued.Dispose();
        while (_free.TryPop(out var batch))
        {
            batch.Dispose();
        }
    }

    private void StartWorkers()
    {
        for (var i = _workers.Count; i < threads; i++)
        {
            var worker = new Thread(Work) { IsBackground = true, Name = "vigil hunt worker" };
            worker.Start();
            _workers.Add(worker);
        }
    }

    private void Work()
    {
        while (true)
        {
            _queued.Wait();
            if (_stopping)
            {
                return;
            }

            if (_pending.TryDequeue(out var slot))
            {
                Run(slot);
            }
        }
    }

    private void FinishOldest()
    {
        var oldest = _inFlight.Peek();
        while (!oldest.Done.IsSet)
        {
            // A batch taken here leaves its semaphore count behind, which a worker later finds
            // with an empty queue and passes over.
            if (_pending.TryDequeue(out var slot))
            {
                Run(slot);
            }
            else
            {
                oldest.Done.Wait();
            }
        }

        _inFlight.Dequeue();
        oldest.Done.Dispose();
        if (oldest.Fault is { } fault)
        {
            fault.Throw();
        }

        Finish(oldest.Batch);
    }

    private void Run(Slot slot)
    {
        try
        {
            Evaluate(slot.Batch);
        }
        catch (Exception ex)
        {
            slot.Fault = ExceptionDispatchInfo.Capture(ex);
        }

        slot.Done.Set();
    }

    private void Evaluate(RecordBatch batch)
    {
        var evaluator = _evaluators.TryTake(out var free) ? free : createEvaluator();
        batch.Evaluate(evaluator);
        _evaluators.Add(evaluator);
    }

    private void Finish(RecordBatch batch)
    {
        var matched = 0;
        foreach (var outcome in batch.Outcomes)
        {
            matched += outcome.Alerts is null && outcome.Deferred is null ? 0 : 1;
        }

        // Threads beyond the cores do not evaluate at the same time, so while batches hold many
        // alerts only the cores count: eight threads on two cores peaked at 339 MB otherwise.
        _maxInFlight = matched > ManyMatched
            ? MaxInFlightPerThreadWhenMatching * Math.Min(threads, Environment.ProcessorCount)
            : MaxInFlightPerThread * threads;
        consume(batch);
        batch.Clear();
        _free.Push(batch);
    }

    /// <summary>A submitted batch and whether its evaluation has finished.</summary>
    private sealed class Slot(RecordBatch batch)
    {
        public RecordBatch Batch { get; } = batch;

        public ManualResetEventSlim Done { get; } = new();

        public ExceptionDispatchInfo? Fault { get; set; }
    }
}
