using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// The check that gzip data ends inside a member, made by inflating it with the reader's own gzip
/// layer (<see cref="GzipMemberStream"/>). A watcher uses it to leave a <c>.json.gz</c> that is
/// still being written for a later scan, instead of reading its last member cut short.
/// </summary>
internal static class GzipCompleteness
{
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// Returns whether the gzip data in [<paramref name="start"/>, <paramref name="end"/>) fails to
    /// read whole at its end, as a member cut short in its header, deflate data or trailer does.
    /// Bytes appended later could complete such a member. Data that reads whole returns false. So
    /// does data that fails before the gzip layer has read the range's last byte (invalid deflate
    /// data, a trailer that does not match, bytes that are not a member), because appended bytes
    /// cannot repair it.
    /// </summary>
    /// <remarks>
    /// Deflate data cannot be entered in the middle, so every byte of the range is inflated, and the
    /// output is discarded. The reader inflates the same bytes again when it reads the segment.
    /// </remarks>
    /// <exception cref="OperationCanceledException">Cancelled while inflating.</exception>
    public static bool EndsInsideMember(FileStream file, long start, long end, CancellationToken cancellationToken)
    {
        file.Position = start;
        var compressed = new BoundedStream(file, end - start, leaveOpen: true);
        using var gzip = new GzipMemberStream(compressed);
        var buffer = new byte[BufferSize];
        while (gzip.Read(buffer) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        // NOTE: The gzip layer sets Failure both for a cut member and for corrupt data, and it reads
        // its input ahead in blocks (64 KiB at first). Corrupt data within that read-ahead of the end
        // therefore counts as cut: it is held until the file stops changing, and then reported.
        return gzip.Failure is not null && compressed.Exhausted;
    }
}
