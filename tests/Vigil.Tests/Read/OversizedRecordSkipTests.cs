using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>
/// A record far over <see cref="RecordLimits.MaxRecordBytes"/> is skipped by streaming past it, so
/// reading it needs a buffer of about the record limit, not of the record's size.
/// </summary>
public class OversizedRecordSkipTests
{
    // One repeated byte, so that the gzip data stays small and fast to inflate.
    private const int FillerBytes = 40 * 1024 * 1024;

    // The window keeps the record limit and room to fill: 4 MiB at the default limit.
    private const int MaxBufferBytes = 8 * 1024 * 1024;

    private const string TooLarge = "the record is larger than 2 MiB, the maximum size of one record; CloudTrail's largest events are 1 MB, so check what wrote this record";

    private static readonly string First = Record(1);
    private static readonly string Third = Record(3);
    private static readonly string HugeHead = """{"eventName":"X","eventTime":"2026-01-01T00:00:00Z","requestParameters":{"a":" """.TrimEnd();
    private const string HugeTail = "\"}}";

    // The record inside a CloudTrailEvent or message string has its quotes escaped.
    private static readonly string EscapedHugeHead = HugeHead.Replace("\"", "\\\"");
    private const string EscapedHugeTail = "\\\"}}";

    public static TheoryData<string, bool> Containers => new()
    {
        { "delivery object", false },
        { "delivery object", true },
        { "bare array", false },
        { "bare array", true },
        { "lookup-events output", false },
        { "lookup-events output", true },
        { "subscription payload", false },
        { "subscription payload", true },
        { "ndjson", false },
        { "ndjson", true },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public void HugeRecord_SkippedWithBoundedBuffer(string container, bool structuralFraming)
    {
        var (before, huge, after) = Parts(container);
        var hugeStart = Encoding.UTF8.GetByteCount(before);
        var hugeEnd = hugeStart + Encoding.UTF8.GetByteCount(huge.Head) + FillerBytes + Encoding.UTF8.GetByteCount(huge.Tail);

        var (items, bufferSize) = Read(Bomb(before, huge, after), structuralFraming);

        Assert.True(bufferSize <= MaxBufferBytes, $"the window's buffer grew to {bufferSize} bytes");
        Assert.Equal(2, items.Count(item => item.Outcome == ReadOutcome.Record));
        var error = Assert.Single(items.Errors());
        Assert.Equal(ExpectedLocation(container, hugeStart), error.Location);
        Assert.Equal(ExpectedReason(container, hugeEnd), error.Reason);
    }

    [Theory]
    [InlineData("delivery object")]
    [InlineData("ndjson")]
    public void HugeRecordCutShort_OneError(string container)
    {
        var (before, huge, _) = Parts(container);
        var gzip = Bomb(before, huge, "");

        var (items, _) = Read(gzip[..(gzip.Length / 2)], structuralFraming: false);

        Assert.Single(items, item => item.Outcome == ReadOutcome.Record);
        var error = Assert.Single(items.Errors());
        Assert.Equal(ExpectedLocation(container, Encoding.UTF8.GetByteCount(before)), error.Location);
        Assert.Matches(container == "ndjson" ? $"^{Regex.Escape(TooLarge)}; the data ends inside the record: the file or its gzip stream is truncated; 1 record recovered before it$" : $"^{Regex.Escape(TooLarge)}; the end of record 2 could not be found, so 1 record recovered and the rest of the file, [0-9]+ bytes from byte {Encoding.UTF8.GetByteCount(before)}, is not read$", error.Reason);
    }

    private static (string Before, (string Head, string Tail) Huge, string After) Parts(string container) => container switch
    {
        "delivery object" => ($"{{\"Records\":[{First},", (HugeHead, HugeTail), $",{Third}]}}"),
        "bare array" => ($"[{First},", (HugeHead, HugeTail), $",{Third}]"),
        "lookup-events output" => (
            $"{{\"Events\":[{LookupEvent(First)},",
            ("{\"EventId\":\"2\",\"CloudTrailEvent\":\"" + EscapedHugeHead, EscapedHugeTail + "\"}"),
            $",{LookupEvent(Third)}]}}"),
        "subscription payload" => (
            $"{{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{LogEvent(First)},",
            ("{\"id\":\"2\",\"timestamp\":0,\"message\":\"" + EscapedHugeHead, EscapedHugeTail + "\"}"),
            $",{LogEvent(Third)}]}}"),
        _ => ($"{First}\n", (HugeHead, HugeTail), $"\n{Third}\n"),
    };

    private static string LookupEvent(string record) => $"{{\"EventId\":\"e\",\"CloudTrailEvent\":{System.Text.Json.JsonSerializer.Serialize(record)}}}";

    private static string LogEvent(string record) => $"{{\"id\":\"l\",\"timestamp\":0,\"message\":{System.Text.Json.JsonSerializer.Serialize(record)}}}";

    private static string ExpectedLocation(string container, int hugeStart) => container switch
    {
        "lookup-events output" => $"line 1, event 2, byte {hugeStart}",
        "subscription payload" => $"line 1, log event 2, byte {hugeStart}",
        "ndjson" => $"line 2, byte {hugeStart}",
        _ => $"record 2, byte {hugeStart}",
    };

    private static string ExpectedReason(string container, long hugeEnd) => container == "ndjson"
        ? $"{TooLarge}; reading continues at line 3"
        : $"{TooLarge}; record 2 is left out (counted as an error) and reading continues at byte {hugeEnd}";

    /// <summary>Gzips <paramref name="before"/>, the huge record with <see cref="FillerBytes"/> of 'A' in a string, and <paramref name="after"/>.</summary>
    private static byte[] Bomb(string before, (string Head, string Tail) huge, string after)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(before + huge.Head));
            var filler = new byte[1024 * 1024];
            Array.Fill(filler, (byte)'A');
            for (var written = 0; written < FillerBytes; written += filler.Length)
            {
                gzip.Write(filler);
            }

            gzip.Write(Encoding.UTF8.GetBytes(huge.Tail + after));
        }

        return output.ToArray();
    }

    private static (List<ReadItem> Items, int BufferSize) Read(byte[] gzip, bool structuralFraming)
    {
        using var stream = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new RecordStreamReader(stream, "bomb.json.gz", rawRecords: structuralFraming, structuralFraming: structuralFraming);
        var items = new List<ReadItem>();
        while (reader.Next() is { } item)
        {
            items.Add(item);
        }

        return (items, reader.BufferSize);
    }
}
