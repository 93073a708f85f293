using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// The items of one file segment, read with <see cref="CloudTrailReader"/>. A reader fault ends the
/// segment as one error item, so one bad file never stops an ingest.
/// </summary>
internal sealed class SegmentItems(CloudTrailReader reader, FileStream file, string path, FileSegment segment) : IDisposable
{
    private readonly IEnumerator<ReadItem> _items = reader.ReadFile(new BoundedStream(file, segment.End - segment.Start), path).GetEnumerator();
    private bool _ended;

    /// <summary>Reads past the items an earlier run committed: the same bytes give the same items.</summary>
    public void SkipCommitted()
    {
        for (var i = 0L; i < segment.ItemsDone && TryNext(out _); i++)
        {
        }
    }

    public bool TryNext(out ReadItem item)
    {
        item = null!;
        if (_ended)
        {
            return false;
        }

        try
        {
            if (_items.MoveNext())
            {
                item = Located(_items.Current);
                return true;
            }
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            _ended = true;
            item = new ReadItem(ReadOutcome.Error, path, "file", null, $"reading stopped, the rest of this file is not read: {exception.Message}");
            return true;
        }

        _ended = true;
        return false;
    }

    public void Dispose() => _items.Dispose();

    // Lines and records of an appended segment are counted from its first byte.
    private ReadItem Located(ReadItem item) =>
        segment.Start == 0 ? item : item with { Location = $"{item.Location} after byte {segment.Start}" };
}
