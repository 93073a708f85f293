using System.Buffers;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// A run of consecutive input, in file order: raw records copied into one pooled buffer, the
/// reader's own errors and skips, and file boundaries. A worker fills <see cref="Outcomes"/>, and
/// the hunt then replays the entries in order.
/// </summary>
internal sealed class RecordBatch : IDisposable
{
    /// <summary>Bytes of raw records after which a batch is handed to a worker.</summary>
    public const int TargetBytes = 1024 * 1024;

    /// <summary>Entries after which a batch is handed to a worker.</summary>
    public const int TargetEntries = 1024;

    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(TargetBytes);
    private int _used;

    private readonly AlertTextBuffer _alertText = new();

    public List<BatchEntry> Entries { get; } = [];

    /// <summary>The outcomes of the raw records in order, each record's ending at its <see cref="BatchEntry.OutcomeEnd"/>.</summary>
    public List<RecordOutcome> Outcomes { get; } = [];

    public bool IsFull => _used >= TargetBytes || Entries.Count >= TargetEntries;

    /// <summary>
    /// Adds a raw record with the reader's item for it, and for an unvalidated one the bytes after
    /// it that its syntax check reads.
    /// </summary>
    public void AddRecord(ReadOnlySpan<byte> json, ReadOnlySpan<byte> after, ReadItem item, long offset, UnvalidatedElement? unvalidated)
    {
        var length = json.Length + after.Length;
        if (_bytes.Length - _used < length)
        {
            Grow(length);
        }

        json.CopyTo(_bytes.AsSpan(_used));
        after.CopyTo(_bytes.AsSpan(_used + json.Length));
        Entries.Add(new BatchEntry(BatchEntryKind.Record, item.File, offset, _used, json.Length, item, Unvalidated: unvalidated, AfterLength: after.Length));
        _used += length;
    }

    public void AddItem(ReadItem item) => Entries.Add(new BatchEntry(BatchEntryKind.Item, item.File, Item: item));

    public void AddFileStarted(string path, int index, int count) =>
        Entries.Add(new BatchEntry(BatchEntryKind.FileStarted, path, Offset: index, Length: count));

    public void AddFileFinished(string path) => Entries.Add(new BatchEntry(BatchEntryKind.FileFinished, path));

    /// <summary>Evaluates every raw record of the batch into <see cref="Outcomes"/>.</summary>
    public void Evaluate(RecordEvaluator evaluator)
    {
        evaluator.AlertText = _alertText;
        try
        {
            for (var i = 0; i < Entries.Count; i++)
            {
                var entry = Entries[i];
                if (entry.Kind == BatchEntryKind.Record)
                {
                    var after = _bytes.AsSpan(entry.Start + entry.Length, entry.AfterLength);
                    evaluator.Evaluate(_bytes.AsSpan(entry.Start, entry.Length), after, entry.Item!, entry.Offset, entry.Unvalidated, Outcomes);
                    Entries[i] = entry with { OutcomeEnd = Outcomes.Count };
                }
            }
        }
        finally
        {
            evaluator.AlertText = null;
        }
    }

    /// <summary>Empties the batch for reuse, keeping its buffer and list capacity.</summary>
    public void Clear()
    {
        Entries.Clear();
        Outcomes.Clear();
        _alertText.Clear();
        _used = 0;
    }

    public void Dispose()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _used + needed));
        _bytes.AsSpan(0, _used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = larger;
    }
}

/// <summary>One entry of a <see cref="RecordBatch"/>.</summary>
/// <param name="Kind">What the entry is.</param>
/// <param name="File">The file it belongs to.</param>
/// <param name="Offset">A record's byte offset in its file, or a started file's 0-based index.</param>
/// <param name="Start">A record's first byte in the batch buffer.</param>
/// <param name="Length">A record's length in bytes, or the number of files for a started file.</param>
/// <param name="Item">The reader's own error or skip, or its item for a raw record, which names the record's location.</param>
/// <param name="OutcomeEnd">For a record, the end of its outcomes in <see cref="RecordBatch.Outcomes"/>.</param>
/// <param name="Unvalidated">For a record framed by its structure alone, what checking its syntax needs.</param>
/// <param name="AfterLength">For such a record, the number of bytes after it in the buffer that its syntax check reads.</param>
internal readonly record struct BatchEntry(
    BatchEntryKind Kind,
    string File,
    long Offset = 0,
    int Start = 0,
    int Length = 0,
    ReadItem? Item = null,
    int OutcomeEnd = 0,
    UnvalidatedElement? Unvalidated = null,
    int AfterLength = 0);

internal enum BatchEntryKind : byte
{
    Record,
    Item,
    FileStarted,
    FileFinished,
}
