using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// The items of one file segment, read with <see cref="CloudTrailReader"/>. A plain record comes
/// unparsed, with its scanned facts and bytes; any other object is parsed into the items the reader
/// would give. A reader fault ends the segment as one error item, so one bad file never stops an ingest.
/// </summary>
internal sealed class SegmentItems : IDisposable
{
    private readonly RawRecordCursor _cursor = new();
    private readonly RecordScanner _scanner = new();
    private readonly Queue<ReadItem> _parsed = new();
    private readonly IEnumerator<ReadItem> _items;
    private readonly string _path;
    private readonly FileSegment _segment;
    private bool _ended;

    public SegmentItems(CloudTrailReader reader, FileStream file, string path, FileSegment segment)
    {
        _items = reader.ReadFileRaw(new BoundedStream(file, segment.End - segment.Start), path, _cursor).GetEnumerator();
        _path = path;
        _segment = segment;
    }

    /// <summary>The bytes of the last item returned with facts; valid until the next call.</summary>
    public ReadOnlySpan<byte> RawRecord => _cursor.Bytes;

    /// <summary>Reads past the items an earlier run committed: the same bytes give the same items.</summary>
    public void SkipCommitted()
    {
        for (var i = 0L; i < _segment.ItemsDone && TryNext(out _, out _); i++)
        {
        }
    }

    /// <summary>
    /// Returns the next item. <paramref name="facts"/> is set for an unparsed plain record, whose
    /// bytes are <see cref="RawRecord"/>; otherwise the item is as <see cref="CloudTrailReader.ReadFile(Stream, string)"/> gives it.
    /// </summary>
    public bool TryNext(out ReadItem item, out RecordFacts? facts)
    {
        facts = null;
        while (!_parsed.TryDequeue(out item!))
        {
            if (_ended)
            {
                return false;
            }

            if (TryRead(out item, out facts))
            {
                return true;
            }
        }

        ReadMetrics.Count(item.Outcome);
        return true;
    }

    public void Dispose() => _items.Dispose();

    /// <summary>Reads one item from the file; returns <c>false</c> when it queued parsed items instead, or the segment ended.</summary>
    private bool TryRead(out ReadItem item, out RecordFacts? facts)
    {
        item = null!;
        facts = null;
        try
        {
            if (!_items.MoveNext())
            {
                _ended = true;
                return false;
            }

            return Classify(_items.Current, out item, out facts);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            _ended = true;
            item = new ReadItem(ReadOutcome.Error, _path, "file", null, $"reading stopped, the rest of this file is not read: {exception.Message}");
            ReadMetrics.Count(item.Outcome);
            return true;
        }
    }

    private bool Classify(ReadItem current, out ReadItem item, out RecordFacts? facts)
    {
        item = Located(current);
        facts = null;
        if (current.Outcome != ReadOutcome.Record || current.Record is not null)
        {
            return true;
        }

        if (_scanner.TryScan(_cursor.Bytes, out var scanned))
        {
            facts = scanned;
            ReadMetrics.Count(ReadOutcome.Record);
            return true;
        }

        foreach (var parsed in RecordStreamReader.ParseItems(_cursor.Bytes, _path, current.Location, _cursor.Offset))
        {
            _parsed.Enqueue(Located(parsed));
        }

        return false;
    }

    // Lines and records of an appended segment are counted from its first byte.
    private ReadItem Located(ReadItem item) =>
        _segment.Start == 0 ? item : item with { Location = $"{item.Location} of the part appended after file byte {_segment.Start}" };
}
