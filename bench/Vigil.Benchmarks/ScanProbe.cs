using System.Diagnostics;
using System.IO.Hashing;
using System.Text.Json;
using System.Text.Unicode;
using Vigil.Read;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>--scan-probe FILE</c>: processor time per record of each step a hunt takes before it decides to
/// parse a record (framing, UTF-8 check, tokenizing, the scan, a raw hash), on the records of one file.
/// </summary>
internal static class ScanProbe
{
    private const int Rounds = 5;

    public static void Run(string path)
    {
        var records = new List<byte[]>();
        var framedByStructure = 0;
        var framing = Time(() =>
        {
            records.Clear();
            foreach (var _ in new CloudTrailReader().ReadFileRaw(path, (json, _, _, unvalidated, _) => { records.Add(json.ToArray()); framedByStructure += unvalidated is null ? 0 : 1; }))
            {
            }
        });
        Console.WriteLine($"{records.Count} records, {records.Sum(r => (long)r.Length) / records.Count} bytes on average, {framedByStructure} framed by structure");
        Report("framing + copy (reader)", framing, records.Count);

        var file = File.ReadAllBytes(path);
        var scanner = new RecordScanner();
        var huntScanner = new RecordScanner(ScanPurpose.Hunt);
        for (var round = 1; round <= Rounds; round++)
        {
            var found = 0;
            Report("structural framing (probe)", Time(() => found = CountObjects(file)), records.Count);
            if (found != records.Count)
            {
                Console.WriteLine($"structural framing found {found} objects, the reader {records.Count}");
            }

            Report("utf-8 check", Time(() => records.ForEach(r => Utf8.IsValid(r))), records.Count);
            Report("tokenize (Utf8JsonReader)", Time(() => records.ForEach(Tokenize)), records.Count);
            Report("xxhash128 raw", Time(() => records.ForEach(r => XxHash128.HashToUInt128(r))), records.Count);
            Report("scan (store: stable hash)", Time(() => records.ForEach(r => scanner.TryScan(r, out _))), records.Count);
            Report("scan (hunt: quick hash)", Time(() => records.ForEach(r => huntScanner.TryScan(r, out _))), records.Count);
        }
    }

    /// <summary>
    /// <c>--hunt-probe FILE</c>: hunts the file with the built-in rule on one thread three times in one
    /// process and prints processor time and allocated bytes per record, the third run being compiled.
    /// </summary>
    public static void Hunt(string path)
    {
        var engine = new Vigil.Hunt.HuntEngine(Vigil.Detect.Rules.BuiltInRules.All);
        for (var run = 1; run <= 3; run++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            long records = 0;
            var processor = Time(() => records = engine.Run(new Vigil.Hunt.HuntOptions([path]) { Threads = 1 }, new NullSink()).Records);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine($"hunt run {run}: {records} records, {processor.TotalMicroseconds / records:F2} µs/record, {allocated / (double)records:F0} bytes allocated/record");
        }
    }

    private sealed class NullSink : Vigil.Hunt.IAlertSink
    {
        public void Write(Vigil.Detect.Rules.DetectionRule rule, System.Text.Json.Nodes.JsonObject alert)
        {
        }
    }

    private static readonly System.Buffers.SearchValues<byte> Structural = System.Buffers.SearchValues.Create("\"\\{}"u8);
    private static readonly System.Buffers.SearchValues<byte> StringEnd = System.Buffers.SearchValues.Create("\"\\"u8);

    /// <summary>
    /// Counts the objects at depth 2 of one <c>{"Records":[...]}</c> document with a vectorised search
    /// for quotes, backslashes and braces: a lower bound of what framing needs when it does not
    /// validate the JSON (the scan that follows does).
    /// </summary>
    private static int CountObjects(byte[] file)
    {
        var depth = 0;
        var count = 0;
        var span = file.AsSpan();
        for (var i = 0; i < span.Length;)
        {
            var next = span[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                break;
            }

            i += next;
            switch (span[i])
            {
                case (byte)'{':
                    depth++;
                    i++;
                    break;

                case (byte)'}':
                    count += depth == 2 ? 1 : 0;
                    depth--;
                    i++;
                    break;

                default:
                    i = StringEndAfter(span, i + 1);
                    break;
            }
        }

        return count;
    }

    private static int StringEndAfter(ReadOnlySpan<byte> span, int i)
    {
        while (true)
        {
            var next = span[i..].IndexOfAny(StringEnd);
            if (next < 0)
            {
                return span.Length;
            }

            i += next;
            if (span[i] == '"')
            {
                return i + 1;
            }

            i += 2;
        }
    }

    private static void Tokenize(byte[] record)
    {
        var reader = new Utf8JsonReader(record);
        while (reader.Read())
        {
        }
    }

    private static TimeSpan Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        action();
        process.Refresh();
        return process.TotalProcessorTime - start;
    }

    private static void Report(string step, TimeSpan processor, int count) =>
        Console.WriteLine($"{step,-28} {processor.TotalMicroseconds / count,8:F3} µs/record");
}
