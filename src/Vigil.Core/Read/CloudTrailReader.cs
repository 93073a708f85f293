using System.IO.Compression;

namespace Vigil.Read;

/// <summary>
/// Streams CloudTrail records out of files, one at a time, with memory bounded by the largest
/// single record.
/// </summary>
/// <remarks>
/// Containers are recognised by content, never by file name: gzip by its magic bytes (all members
/// of a multi-member file), then a <c>{"Records":[…]}</c> delivery object, a bare JSON array of
/// records, NDJSON (one record per line) or a single record object. An EventBridge event yields its
/// <c>detail</c>, and a CloudWatch Logs subscription payload yields each log event's message. Every item is exactly one of a
/// record, an error or a skip. Malformed JSON and corrupt gzip data become error items, not exceptions.
/// </remarks>
public sealed class CloudTrailReader
{
    // AWS Config writes this object to its delivery bucket to test write access, and the bucket
    // is often shared with CloudTrail.
    private const string ConfigWritabilityCheckFile = "ConfigWritabilityCheckFile";

    private static readonly byte[] GzipMagic = [0x1F, 0x8B];

    // A gzip member is at least a 10-byte header and an 8-byte trailer (RFC 1952).
    private const int MinGzipLength = 18;

    /// <summary>
    /// Reads the records of the file at <paramref name="path"/>. A missing or unreadable file, or one
    /// that is not a regular file (a named pipe, socket or device), yields one
    /// <see cref="ReadOutcome.Error"/> item.
    /// </summary>
    public IEnumerable<ReadItem> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        var stream = Open(path, out var error);
        return stream is null ? [error!] : ReadFile(stream, path);
    }

    /// <summary>
    /// Reads the records of <paramref name="stream"/>, naming it <paramref name="displayName"/> in
    /// items. The stream is disposed when the enumeration ends.
    /// </summary>
    public IEnumerable<ReadItem> ReadFile(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);

        return ReadItems(stream, displayName, MaxRecordBytes);
    }

    /// <summary>Maximum size of one record in bytes; a larger record is reported as an error and skipped.</summary>
    internal int MaxRecordBytes { get; init; } = ByteWindow.DefaultMaxSize;

    /// <summary>
    /// Expands files and directories (recursively) into a list of files: each directory's files in
    /// ordinal order, arguments in the order given, duplicates removed.
    /// </summary>
    /// <remarks>
    /// A path that does not exist, or a directory that cannot be listed, stays in the list as it
    /// is, so that <see cref="ReadFile(string)"/> reports it as an error item naming the path.
    /// </remarks>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        return PathExpansion.Expand(paths);
    }

    private static IEnumerable<ReadItem> ReadItems(Stream stream, string displayName, int maxRecordBytes)
    {
        if (Path.GetFileName(displayName) == ConfigWritabilityCheckFile)
        {
            stream.Dispose();
            ReadMetrics.Count(ReadOutcome.Skipped);
            yield return new ReadItem(ReadOutcome.Skipped, displayName, "byte 0", null, "AWS Config writability check file, not CloudTrail records");
            yield break;
        }

        using var content = Decompressed(stream, displayName, out var error);
        if (content is null)
        {
            yield return error!;
            yield break;
        }

        using var reader = new RecordStreamReader(content, displayName, maxRecordBytes);
        while (reader.Next() is { } item)
        {
            ReadMetrics.Count(item.Outcome);
            yield return item;
        }
    }

    private static Stream? Decompressed(Stream stream, string displayName, out ReadItem? error)
    {
        error = null;
        var head = new byte[MinGzipLength];
        int read;
        try
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (IOException exception)
        {
            stream.Dispose();
            error = OpenError(displayName, $"the file could not be read: {exception.Message}");
            return null;
        }

        // NOTE: GZipStream ends silently when compressed data is cut short, so truncation is
        // reported only when the cut falls inside a JSON value. A cut exactly at an NDJSON line end goes unnoticed.
        var prefixed = new PrefixedStream(head[..read], stream);
        if (!head.AsSpan(0, read).StartsWith(GzipMagic))
        {
            return prefixed;
        }

        if (read < MinGzipLength)
        {
            prefixed.Dispose();
            error = OpenError(displayName, $"truncated gzip data: the file has {read} bytes, fewer than a gzip header and trailer ({MinGzipLength} bytes)");
            return null;
        }

        return new GZipStream(prefixed, CompressionMode.Decompress);
    }

    private static FileStream? Open(string path, out ReadItem? error)
    {
        error = null;
        if (Directory.Exists(path))
        {
            error = OpenError(path, "is a directory, not a file; expand it with ExpandPaths, and if it is still reported, check that it can be listed");
            return null;
        }

        if (!File.Exists(path))
        {
            error = OpenError(path, "file not found; check the path");
            return null;
        }

        if (!RegularFile.IsRegularOrUnknown(path))
        {
            error = OpenError(path, "not a regular file: a named pipe, socket or device is not read, because it may block or never end; copy its data to a file");
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = OpenError(path, $"the file could not be opened: {exception.Message}");
            return null;
        }
    }

    private static ReadItem OpenError(string path, string reason)
    {
        ReadMetrics.Count(ReadOutcome.Error);
        return new ReadItem(ReadOutcome.Error, path, "byte 0", null, reason);
    }
}
