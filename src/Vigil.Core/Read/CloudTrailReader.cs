namespace Vigil.Read;

/// <summary>
/// Streams CloudTrail records out of files, one at a time, with memory bounded by the largest
/// single record.
/// </summary>
/// <remarks>
/// Containers are recognised by content, never by file name. Byte layers come off first: gzip by
/// its magic bytes (every member, each checked against its trailer), base64 text of gzip, and the
/// line timestamps of a CloudWatch Logs export. The JSON is then a <c>{"Records":[…]}</c> delivery
/// object, a bare array, NDJSON or a single object, and wrappers are unwrapped: EventBridge
/// <c>detail</c>, CloudWatch Logs messages, <c>CloudTrailEvent</c> strings of
/// <c>lookup-events</c> output and CloudTrail Lake result rows (see <see cref="RecordEnvelopes"/>).
/// Every item is exactly one of a record, an error or a skip. Malformed JSON and corrupt or
/// truncated gzip data become error items, not exceptions.
/// </remarks>
public sealed partial class CloudTrailReader
{
    // AWS Config writes this object to its delivery bucket to test write access, and the bucket
    // is often shared with CloudTrail.
    private const string ConfigWritabilityCheckFile = "ConfigWritabilityCheckFile";

    /// <summary>
    /// Reads the records of the file at <paramref name="path"/>. A missing or unreadable file, or one
    /// that is not a regular file (a named pipe, socket or device), yields one
    /// <see cref="ReadOutcome.Error"/> item, except for a pipe in <see cref="PipesToRead"/>.
    /// </summary>
    public IEnumerable<ReadItem> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        var stream = Open(path, PipesToRead.Contains(path), out var error);
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

        return ReadItems(stream, displayName, MaxRecordBytes, onRecord: null, cursor: null);
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> like <see cref="ReadFile(string)"/>, but hands each
    /// JSON object to <paramref name="onRecord"/> as raw bytes instead of parsing it, and yields only
    /// the errors and skips the reader finds itself. The calls and the yielded items keep file order.
    /// </summary>
    /// <remarks>
    /// An object may still turn out to be a wrapper, a digest file or invalid JSON for an event, which
    /// <see cref="RecordStreamReader.ParseItems"/> finds out. An object in an array may be framed by
    /// its structure alone, with its syntax left to the caller (<see cref="ElementSyntax"/>). The
    /// bytes are valid only during the call.
    /// </remarks>
    internal IEnumerable<ReadItem> ReadFileRaw(string path, RawRecordHandler onRecord)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(onRecord);

        var stream = Open(path, PipesToRead.Contains(path), out var error);
        if (stream is null)
        {
            return [error!];
        }

        if (!stream.CanSeek && OnPipeQuiet is { } onQuiet)
        {
            return ReadItems(new QuietPipeStream(stream, onQuiet), path, MaxRecordBytes, onRecord, cursor: null);
        }

        var readAhead = stream.CanSeek && stream.Length >= ReadAheadFrom;
        return ReadItems(stream, path, MaxRecordBytes, onRecord, cursor: null, readAhead);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> like <see cref="ReadFile(Stream, string)"/>, but yields each JSON
    /// object unparsed: a <see cref="ReadOutcome.Record"/> item without <see cref="ReadItem.Record"/>,
    /// whose bytes <paramref name="cursor"/> keeps until the enumeration moves on. Errors and skips the
    /// reader finds itself are yielded as usual, in file order.
    /// </summary>
    /// <remarks>
    /// An object may still turn out to be a wrapper, a digest file or invalid JSON for an event:
    /// <see cref="RecordStreamReader.ParseItems"/> tells.
    /// </remarks>
    internal IEnumerable<ReadItem> ReadFileRaw(Stream stream, string displayName, RawRecordCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(cursor);

        return ReadItems(stream, displayName, MaxRecordBytes, onRecord: null, cursor);
    }

    /// <summary>
    /// The file size from which <see cref="ReadFileRaw(string, RawRecordHandler)"/> reads ahead on a
    /// thread of its own (<see cref="ReadAheadStream"/>); tests lower it to read small files that way.
    /// </summary>
    internal long ReadAheadFrom { get; init; } = ReadAheadStream.MinFileLength;

    /// <summary>
    /// Paths, as the caller wrote them, that are read even when they are pipes: the inputs named on
    /// the command line, such as <c>/dev/stdin</c> or the <c>/dev/fd/63</c> of a shell's
    /// <c>&lt;(zcat …)</c>. A pipe found in a folder is not read, because nothing may ever write to it.
    /// </summary>
    /// <remarks>The reader streams every file front to back, so a pipe is read as a file is.</remarks>
    public IReadOnlySet<string> PipesToRead { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Called by <see cref="ReadFileRaw(string, RawRecordHandler)"/> on the reading thread when a pipe
    /// it reads has had no data for <see cref="QuietPipeStream.QuietAfter"/>, before the read that
    /// waits for more. Every record before the wait has been handed to the record handler by then,
    /// except one whose end the reader has not seen yet.
    /// </summary>
    internal Action? OnPipeQuiet { get; init; }

    /// <summary>Maximum size of one record in bytes; a larger record is reported as an error and skipped.</summary>
    internal int MaxRecordBytes { get; init; } = RecordLimits.MaxRecordBytes;

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

    /// <summary>
    /// Whether a file named like AWS Config's writability check starts like data Vigil reads, so that
    /// it is read as any other file. Anyone who can write to a bucket can name an object so, and a
    /// name alone must not hide its records.
    /// </summary>
    private static bool HoldsData(ref Stream stream)
    {
        var head = new byte[ContainerLayers.HeadLength];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream = new PrefixedStream(head[..read], stream);
        return ContainerLayers.StartsLikeData(head.AsSpan(0, read));
    }

    private static IEnumerable<ReadItem> ReadItems(Stream stream, string displayName, int maxRecordBytes, RawRecordHandler? onRecord, RawRecordCursor? cursor, bool readAhead = false)
    {
        var pipe = stream as QuietPipeStream;
        if (Path.GetFileName(displayName) == ConfigWritabilityCheckFile && !HoldsData(ref stream))
        {
            stream.Dispose();
            ReadMetrics.Count(ReadOutcome.Skipped);
            yield return new ReadItem(ReadOutcome.Skipped, displayName, "byte 0", null, "AWS Config writability check file, not CloudTrail records");
            yield break;
        }

        var failingLayers = new List<IFailingLayer>();
        var decompressed = Decompressed(stream, displayName, failingLayers, out var error, splitPayloadLines: true);
        if (decompressed is null)
        {
            yield return error!;
            yield break;
        }

        var target = new ItemTarget(displayName, maxRecordBytes, onRecord, cursor, pipe);
        if (decompressed is Base64TextStream { SplitsPayloadLines: true } text)
        {
            foreach (var item in ReadPayloadLines(text, failingLayers, target))
            {
                yield return item;
            }

            yield break;
        }

        // Only a plain file's chunks are shared: no layer under them can fail (see ReadAheadStream).
        using var content = readAhead ? new ReadAheadStream(decompressed, shared: failingLayers.Count == 0) : decompressed;

        var failure = () => content is ReadAheadStream { ReachedEnd: false }
            ? null
            : ContainerLayers.Failure(failingLayers);
        using var reader = target.CreateReader(content, failure, decoded: failingLayers.Count > 0);
        reader.LayerIsCorrupt = () => failure() is not null && ContainerLayers.IsCorrupt(failingLayers);
        var items = new ReaderItems(reader, target, text: null);
        while (items.Next() is { } item)
        {
            yield return item;
        }
    }

    private static Stream? Decompressed(Stream stream, string displayName, List<IFailingLayer> failingLayers, out ReadItem? error, bool splitPayloadLines = false)
    {
        error = null;
        try
        {
            return ContainerLayers.Open(stream, failingLayers, splitPayloadLines);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            stream.Dispose();
            error = OpenError(displayName, $"the file could not be read: {exception.Message}");
            return null;
        }
    }

    private static FileStream? Open(string path, bool readsPipe, out ReadItem? error)
    {
        error = null;
        if (Directory.Exists(path))
        {
            error = OpenError(path, FolderReason(path));
            return null;
        }

        if (!File.Exists(path))
        {
            // .NET cannot open a name that is not valid UTF-8, and would otherwise call it missing.
            error = OpenError(path, InvalidUtf8FileName.Reason(path) ?? "file not found; check the path");
            return null;
        }

        if (!RegularFile.IsRegularOrUnknown(path) && !(readsPipe && RegularFile.IsPipe(path)))
        {
            error = OpenError(path, "not a regular file: a named pipe, socket or device is not read, because it may block or never end; copy its data to a file");
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException)
        {
            error = OpenError(path, "permission denied: the file could not be opened for reading; check its permissions, or run vigil as a user who may read it");
            return null;
        }
        catch (FileNotFoundException) when (BrokenLink.MissingTarget(path) is { } target)
        {
            error = OpenError(path, $"the symbolic link's target {target} does not exist; restore the target, or remove the link");
            return null;
        }
        catch (IOException exception)
        {
            error = OpenError(path, $"the file could not be opened: {exception.Message}");
            return null;
        }
    }

    /// <summary>Explains why a folder was read as a file: path expansion keeps a folder it cannot list.</summary>
    private static string FolderReason(string path)
    {
        try
        {
            Directory.GetFileSystemEntries(path);
            return "is a folder, not a file; name the folder itself to read the files in it";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return PathExpansion.NotListedReason(exception);
        }
    }

    private static ReadItem OpenError(string path, string reason)
    {
        ReadMetrics.Count(ReadOutcome.Error);
        return new ReadItem(ReadOutcome.Error, path, "byte 0", null, reason);
    }
}
