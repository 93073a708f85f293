using System.IO.Compression;
using System.Text;
using Vigil.Read;

namespace Vigil.Tests.Read;

internal static class ReadHelpers
{
    public static List<ReadItem> ReadAll(string text) => ReadAll(Encoding.UTF8.GetBytes(text));

    public static List<ReadItem> ReadAll(byte[] bytes) =>
        new CloudTrailReader().ReadFile(new MemoryStream(bytes), "test.json").ToList();

    /// <summary>Reads <paramref name="text"/> with a reader that buffers at most <paramref name="maxBytes"/> at once.</summary>
    public static List<ReadItem> ReadWithin(string text, int maxBytes)
    {
        using var reader = new RecordStreamReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.json", maxRecordBytes: maxBytes, maxValueBytes: maxBytes);
        var items = new List<ReadItem>();
        while (reader.Next() is { } item)
        {
            items.Add(item);
        }

        return items;
    }

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    public static string Record(int id, string extra = "") =>
        $$"""{"eventVersion":"1.08","eventTime":"2024-01-01T00:00:00Z","eventName":"AssumeRole","eventID":"id-{{id}}"{{extra}}}""";

    public static List<ReadItem> Records(this List<ReadItem> items) => items.Where(i => i.Outcome == ReadOutcome.Record).ToList();

    public static List<ReadItem> Errors(this List<ReadItem> items) => items.Where(i => i.Outcome == ReadOutcome.Error).ToList();

    public static List<ReadItem> Skips(this List<ReadItem> items) => items.Where(i => i.Outcome == ReadOutcome.Skipped).ToList();
}
