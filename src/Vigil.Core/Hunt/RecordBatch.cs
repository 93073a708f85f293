using System.Buffers;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// A run of consecutive input, in file order: raw records, the reader's own errors and skips, and
/// file boundaries. A worker fills <see cref="Outcomes"/>, and the hunt then replays the entries in order.
/// </summary>
/// <remarks>
/// A record in a shared read-ahead chunk stays there, and the batch keeps a reference to the chunk
/// until it is cleared. Any other record is copied into the batch's pooled buffer. The copy took 5 % of a 1 GB
/// hunt's processor time (perf), most of it in stores to batch memory not yet in the core's cache.
/// </remarks>
internal sealed class RecordBatch : IDisposable
{
    /// <summary>Bytes of raw records after which a batch is handed to a worker.</summary>
    public const int TargetBytes = 1024 * 1024;

    /// <summary>Entries after which a batch is handed to a worker.</summary>
    public const int TargetEntries = 1024;

    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(TargetBytes);
    private int _used;

    // Bytes of records, copied or shared, which decide when the batch is full.
    private int _recordBytes;

    private readonly List<SharedChunk> _chunks = [];

    private readonly AlertTextBuffer _alertText = new();

    public List<BatchEntry> Entries { get; } = [];

    /// <summary>The outcomes of the raw records in order, each record's ending at its <see cref="BatchEntry.OutcomeEnd"/>.</summary>
    public List<RecordOutcome> Outcomes { get; } = [];

    public bool IsFull => _recordBytes >= TargetBytes || Entries.Count >= TargetEntries;

    /// <summary>
    /// Adds a raw record with the reader's item for it, and for an unvalidated one the bytes after
    /// it that its syntax check reads. A record in a <paramref name="shared"/> chunk is read there.
    /// </summary>
    public void AddRecord(ReadOnlySpan<byte> json, ReadOnlySpan<byte> after, ReadItem item, long offset, UnvalidatedElement? unvalidated, ChunkSlice? shared = null)
    {
        var length = json.Length + after.Length;
        _recordBytes += length;
        if (shared is { } slice)
        {
            Reference(slice.Chunk);
            Entries.Add(new BatchEntry(BatchEntryKind.Record, item.File, offset, slice.Start, json.Length, item, Unvalidated: unvalidated, AfterLength: after.Length, Buffer: slice.Chunk.Buffer));
            return;
        }

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
                    var bytes = entry.Buffer ?? _bytes;
                    var after = bytes.AsSpan(entry.Start + entry.Length, entry.AfterLength);
                    evaluator.Evaluate(bytes.AsSpan(entry.Start, entry.Length), after, entry.Item!, entry.Offset, entry.Unvalidated, Outcomes);
                    Entries[i] = entry with { OutcomeEnd = Outcomes.Count };
                }
            }
        }
        finally
        {
            evaluator.AlertText = null;
        }
    }

    /// <summary>Empties the batch for reuse, keeping its buffer and list capacity, and releases its chunk references.</summary>
    public void Clear()
    {
        Entries.Clear();
        Outcomes.Clear();
        _alertText.Clear();
        _used = 0;
        _recordBytes = 0;
        ReleaseChunks();
    }

    public void Dispose()
    {
        ReleaseChunks();
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    /// <summary>Adds one reference to a chunk for the whole batch. Records arrive in file order, so a chunk already referenced is the last one.</summary>
    private void Reference(SharedChunk chunk)
    {
        if (_chunks.Count > 0 && ReferenceEquals(_chunks[^1], chunk))
        {
            return;
        }

        chunk.AddReference();
        _chunks.Add(chunk);
    }

    private void ReleaseChunks()
    {
        foreach (var chunk in _chunks)
        {
            chunk.Release();
        }

        _chunks.Clear();
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
/// <param name="Start">A record's first byte in its buffer.</param>
/// <param name="Length">A record's length in bytes, or the number of files for a started file.</param>
/// <param name="Item">The reader's own error or skip, or its item for a raw record, which names the record's location.</param>
/// <param name="OutcomeEnd">For a record, the end of its outcomes in <see cref="RecordBatch.Outcomes"/>.</param>
/// <param name="Unvalidated">For a record framed by its structure alone, what checking its syntax needs.</param>
/// <param name="AfterLength">For such a record, the number of bytes after it in the buffer that its syntax check reads.</param>
/// <param name="Buffer">The shared chunk's buffer a record lies in, or <c>null</c> when it was copied into the batch's.</param>
internal readonly record struct BatchEntry(
    BatchEntryKind Kind,
    string File,
    long Offset = 0,
    int Start = 0,
    int Length = 0,
    ReadItem? Item = null,
    int OutcomeEnd = 0,
    UnvalidatedElement? Unvalidated = null,
    int AfterLength = 0,
    byte[]? Buffer = null);

internal enum BatchEntryKind : byte
{
    Record,
    Item,
    FileStarted,
    FileFinished,
}
