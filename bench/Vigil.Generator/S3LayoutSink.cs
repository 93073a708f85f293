using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Vigil.Generator;

/// <summary>
/// Writes records as CloudTrail delivers them to S3: one gzip object per account, region and
/// five-minute window, split further when an object reaches <see cref="MaxRecordsPerObject"/> records.
/// </summary>
internal sealed class S3LayoutSink(string root, ulong seed) : IRecordSink
{
    /// <summary>Our own cap, which keeps each open object's buffer near a megabyte. CloudTrail documents no fixed one.</summary>
    public const int MaxRecordsPerObject = 1000;

    private static readonly long WindowTicks = TimeSpan.FromMinutes(5).Ticks;

    private readonly SortedDictionary<string, OpenObject> _open = new(StringComparer.Ordinal);
    // Object names come from a stream of their own, so the layout never shifts the record draws.
    private readonly SplitMix64 _names = new(seed ^ 0xA5A5_A5A5_A5A5_A5A5UL);
    private long _flushedBytes;

    public long BytesWritten => _flushedBytes + _open.Values.Sum(o => o.Writer.BytesCommitted + o.Writer.BytesPending);

    public int Files { get; private set; }

    public void Write(DrawnRecord record)
    {
        var key = $"{record.Account}_CloudTrail_{record.Region}";
        var window = record.Time.Ticks / WindowTicks;
        if (_open.TryGetValue(key, out var current) && (current.Window != window || current.Records >= MaxRecordsPerObject))
        {
            Flush(current);
            _open.Remove(key);
            current = null;
        }

        if (current is null)
        {
            current = new OpenObject(record.Account, record.Region, window);
            _open[key] = current;
        }

        RecordJson.Write(current.Writer, record);
        current.Records++;
    }

    public void Complete()
    {
        foreach (var open in _open.Values)
        {
            Flush(open);
        }

        _open.Clear();
    }

    public void Dispose()
    {
        foreach (var open in _open.Values)
        {
            open.Writer.Dispose();
        }
    }

    private void Flush(OpenObject open)
    {
        open.Writer.WriteEndArray();
        open.Writer.WriteEndObject();
        open.Writer.Flush();
        _flushedBytes += open.Writer.BytesCommitted;

        var path = Path.Combine(root, ObjectKey(open));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
        {
            gzip.Write(open.Buffer.WrittenSpan);
        }

        open.Writer.Dispose();
        Files++;
    }

    private string ObjectKey(OpenObject open)
    {
        var start = new DateTime(open.Window * WindowTicks, DateTimeKind.Utc);
        var delivered = start.AddMinutes(5).ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        var day = start.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        return $"AWSLogs/{open.Account}/CloudTrail/{open.Region}/{day}/{open.Account}_CloudTrail_{open.Region}_{delivered}_{_names.NextAlphanumeric(16)}.json.gz";
    }

    private sealed class OpenObject
    {
        public OpenObject(string account, string region, long window)
        {
            Account = account;
            Region = region;
            Window = window;
            Writer = new Utf8JsonWriter(Buffer, RecordJson.WriterOptions);
            Writer.WriteStartObject();
            Writer.WriteStartArray(RecordJson.RecordsProperty);
        }

        public string Account { get; }

        public string Region { get; }

        public long Window { get; }

        public ArrayBufferWriter<byte> Buffer { get; } = new();

        public Utf8JsonWriter Writer { get; }

        public int Records { get; set; }
    }
}
