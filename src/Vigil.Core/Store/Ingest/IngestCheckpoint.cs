namespace Vigil.Store;

/// <summary>
/// How far one file has been ingested: the byte range being read (the segment) and the number of
/// items of that segment already committed.
/// </summary>
/// <param name="Path">The file's full path.</param>
/// <param name="SegmentStart">The byte offset the segment starts at: 0, or where the file ended when the previous segment was read.</param>
/// <param name="SegmentEnd">The file length when the segment was planned; bytes after it belong to a later segment.</param>
/// <param name="ItemsDone">Items of the segment committed with their events.</param>
/// <param name="Complete">Whether every item of the segment is committed.</param>
/// <param name="Fingerprint">The hash of the file's first and last bytes before <paramref name="SegmentEnd"/>, to notice a replaced file.</param>
/// <param name="NotCloudTrail">
/// The location of the file's first skip as not CloudTrail JSON, which shows what its data starts
/// with, while the file has given no event; <c>null</c> once it gave one, or when it had no such skip.
/// </param>
internal sealed record IngestCheckpoint(string Path, long SegmentStart, long SegmentEnd, long ItemsDone, bool Complete, byte[] Fingerprint, string? NotCloudTrail = null);
