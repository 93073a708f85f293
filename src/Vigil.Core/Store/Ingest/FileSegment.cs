namespace Vigil.Store;

/// <summary>The bytes of a file one ingest reads, and how many of its items an earlier run already committed.</summary>
/// <param name="Start">The first byte read.</param>
/// <param name="End">The byte after the last one read: the file length when the segment was planned.</param>
/// <param name="ItemsDone">Items at the start of the segment committed before; they are read again but not stored.</param>
/// <param name="Fingerprint">The file's fingerprint up to <paramref name="End"/>.</param>
internal sealed record FileSegment(long Start, long End, long ItemsDone, byte[] Fingerprint)
{
    /// <summary>
    /// Returns what to read of <paramref name="file"/> given its checkpoint: a new file from byte 0,
    /// an interrupted segment again with its committed items skipped, the bytes appended since the
    /// last complete segment, or <c>null</c> when nothing is new. A file whose fingerprint changed
    /// was replaced, so it is read from byte 0, and the duplicate check drops the records already stored.
    /// </summary>
    // NOTE: a segment planned while a writer is still appending can end inside an NDJSON line. The
    // read counts that line as an error, and the next segment, which starts inside the line, is read
    // as one skipped item, so every record appended after the cut is lost.
    public static FileSegment? Plan(FileStream file, IngestCheckpoint? checkpoint)
    {
        var length = file.Length;
        if (checkpoint is null || !SameContent(file, length, checkpoint))
        {
            return new FileSegment(0, length, 0, FileFingerprint.Compute(file, length));
        }

        if (!checkpoint.Complete)
        {
            return new FileSegment(checkpoint.SegmentStart, checkpoint.SegmentEnd, checkpoint.ItemsDone, checkpoint.Fingerprint);
        }

        return length == checkpoint.SegmentEnd
            ? null
            : new FileSegment(checkpoint.SegmentEnd, length, 0, FileFingerprint.Compute(file, length));
    }

    private static bool SameContent(FileStream file, long length, IngestCheckpoint checkpoint) =>
        length >= checkpoint.SegmentEnd
        && FileFingerprint.Compute(file, checkpoint.SegmentEnd).AsSpan().SequenceEqual(checkpoint.Fingerprint);
}
