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
    /// <param name="file">The file, open for reading.</param>
    /// <param name="checkpoint">The file's checkpoint, or <c>null</c> when it was never ingested.</param>
    /// <param name="maxLength">When set, bytes at or past it are left for a later ingest.</param>
    /// <param name="holdPartialTail">
    /// When set, new text bytes that do not end with a line feed are left for a later ingest, unless
    /// they end with a complete JSON value: a writer may have flushed half a line. Reading them now
    /// would count the half as an error and start the next segment inside a record, where the rest
    /// of the append is misread. New gzip data whose last member is not complete yet (a download in
    /// progress, a writer that flushed mid-member) is left for later too. Reading it now would
    /// report the cut member as truncated, and the next segment would start inside that member, so
    /// the file would be read again from byte 0.
    /// </param>
    /// <param name="cancellationToken">Stops the inflating that checks new gzip data.</param>
    /// <param name="tailHeld">Set when <paramref name="holdPartialTail"/> left new bytes for later.</param>
    /// <exception cref="OperationCanceledException">Cancelled while checking new gzip data.</exception>
    public static FileSegment? Plan(FileStream file, IngestCheckpoint? checkpoint, long? maxLength, bool holdPartialTail, CancellationToken cancellationToken, out bool tailHeld)
    {
        tailHeld = false;
        var length = maxLength is { } max ? Math.Min(max, file.Length) : file.Length;
        var start = 0L;
        if (checkpoint is not null && SameContent(file, length, checkpoint))
        {
            if (!checkpoint.Complete)
            {
                return new FileSegment(checkpoint.SegmentStart, checkpoint.SegmentEnd, checkpoint.ItemsDone, checkpoint.Fingerprint);
            }

            if (length == checkpoint.SegmentEnd)
            {
                return null;
            }

            start = checkpoint.SegmentEnd;

            // An earlier segment that ended mid-line (read without holding, or held until the file
            // stopped changing) reported its torn last line as an error. The appended bytes may finish
            // that line, so reading starts again at the line's start, and a completed line is stored.
            if (EndsMidLine(file, 0, start) && !IsUtf16(file))
            {
                start = LineStart(file, start);
            }

            // A gzip file that grew without a new member at the old end had its last member cut
            // short: its rest is not a stream of its own, so the file is read again from the start.
            // The records stored before are then counted as duplicates.
            if (IsGzip(file, 0, length) && !IsGzip(file, start, length))
            {
                start = 0;
            }
        }

        tailHeld = holdPartialTail && EndsUnfinished(file, start, length, cancellationToken);
        return tailHeld ? null : new FileSegment(start, length, 0, FileFingerprint.Compute(file, length));
    }

    /// <summary>
    /// Whether the bytes in [start, length) may be cut where a writer stopped: gzip data that ends
    /// inside a member, or text that ends mid-line and not after a complete JSON value.
    /// </summary>
    private static bool EndsUnfinished(FileStream file, long start, long length, CancellationToken cancellationToken) =>
        IsGzip(file, start, length)
            ? GzipCompleteness.EndsInsideMember(file, start, length, cancellationToken)
            : EndsMidLine(file, start, length) && !EndsWithCompleteValue(file, start, length);

    /// <summary>Whether text bytes in [start, length) end without a line feed. Gzip data is never taken as text.</summary>
    private static bool EndsMidLine(FileStream file, long start, long length)
    {
        if (length == start || IsGzip(file, start, length))
        {
            return false;
        }

        // A UTF-16 line feed is 0A 00 (little-endian) or 00 0A (big-endian).
        Span<byte> last = stackalloc byte[2];
        var count = (int)Math.Min(2, length - start);
        file.Position = length - count;
        file.ReadExactly(last[..count]);
        return last[count - 1] != '\n' && !(count == 2 && last[0] == '\n' && last[1] == 0 && IsUtf16(file));
    }

    /// <summary>Whether UTF-8 text in [start, length) ends with a complete JSON value. UTF-16 text is never taken as complete, because its code units can contain bracket bytes.</summary>
    private static bool EndsWithCompleteValue(FileStream file, long start, long length) =>
        !IsUtf16(file) && JsonCompleteness.EndsWithCompleteValue(file, start, length);

    /// <summary>Whether the file is UTF-16 text: it starts with a byte order mark or has a zero byte in its first four.</summary>
    private static bool IsUtf16(FileStream file)
    {
        Span<byte> head = stackalloc byte[4];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        return head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.Contains((byte)0);
    }

    /// <summary>Returns the offset where the line holding the byte before <paramref name="end"/> starts.</summary>
    private static long LineStart(FileStream file, long end)
    {
        var buffer = new byte[64 * 1024];
        for (var chunkEnd = end; chunkEnd > 0;)
        {
            var chunkStart = Math.Max(0, chunkEnd - buffer.Length);
            var length = (int)(chunkEnd - chunkStart);
            file.Position = chunkStart;
            file.ReadExactly(buffer, 0, length);
            var newline = buffer.AsSpan(0, length).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                return chunkStart + newline + 1;
            }

            chunkEnd = chunkStart;
        }

        return 0;
    }

    private static bool IsGzip(FileStream file, long start, long length)
    {
        if (length - start < 2)
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[2];
        file.Position = start;
        file.ReadExactly(magic);
        return magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static bool SameContent(FileStream file, long length, IngestCheckpoint checkpoint) =>
        length >= checkpoint.SegmentEnd
        && FileFingerprint.Compute(file, checkpoint.SegmentEnd).AsSpan().SequenceEqual(checkpoint.Fingerprint);
}
