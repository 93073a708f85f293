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
            foreach (var _ in new CloudTrailReader().ReadFileRaw(path, (json, _, _, unvalidated, _, _) => { records.Add(json.ToArray()); framedByStructure += unvalidated is null ? 0 : 1; }))
            {
            }
        });
        Console.WriteLine($"{records.Count} records, {records.Sum(r => (long)r.Length) / records.Count} bytes on average, {framedByStructure} framed by structure");
        Report("framing + copy (reader)", framing, records.Count);

        var file = File.ReadAllBytes(path);
        var scanner = new RecordScanner();
        var huntScanner = new RecordScanner(ScanPurpose.Hunt);
        var readerScanner = new RecordScanner(ScanPurpose.Hunt) { ReaderOnly = true };
        for (var round = 1; round <= Rounds; round++)
        {
            var found = 0;
            Report("structural framing", Time(() => found = CountObjects(file)), records.Count);
            if (found != records.Count)
            {
                Console.WriteLine($"structural framing found {found} objects, the reader {records.Count}");
            }

            Report("utf-8 check", Time(() => records.ForEach(r => Utf8.IsValid(r))), records.Count);
            Report("tokenize (Utf8JsonReader)", Time(() => records.ForEach(Tokenize)), records.Count);
            Report("xxhash128 raw", Time(() => records.ForEach(r => XxHash128.HashToUInt128(r))), records.Count);
            Report("scan (store: stable hash)", Time(() => records.ForEach(r => scanner.TryScan(r, out _))), records.Count);
            Report("scan (hunt: quick hash)", Time(() => records.ForEach(r => huntScanner.TryScan(r, out _))), records.Count);
            Report("scan (hunt, reader only)", Time(() => records.ForEach(r => readerScanner.TryScan(r, out _))), records.Count);
        }
    }

    /// <summary>
    /// <c>--hunt-probe FILE [RULES]</c>: hunts the file on one thread three times in one process, with
    /// the built-in rule or the rules under RULES, and prints processor time and allocated bytes per
    /// record (the third run being compiled) and how many records were parsed and mapped.
    /// </summary>
    public static void Hunt(string path, string? rulesPath)
    {
        var rules = rulesPath is null ? Vigil.Detect.Rules.BuiltInRules.All : Vigil.Detect.Rules.RuleLoader.LoadPaths([rulesPath]).Rules;
        var engine = new Vigil.Hunt.HuntEngine(rules);
        var counts = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Vigil.Hunt")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value);
        listener.Start();
        for (var run = 1; run <= 3; run++)
        {
            counts.Clear();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            long records = 0;
            var processor = Time(() => records = engine.Run(new Vigil.Hunt.HuntOptions([path]) { Threads = 1 }, new NullSink()).Records);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine($"hunt run {run}: {records} records, {processor.TotalMicroseconds / records:F2} µs/record, {allocated / (double)records:F0} bytes allocated/record, "
                + $"{counts.GetValueOrDefault("vigil.hunt.parsed")} parsed, {counts.GetValueOrDefault("vigil.hunt.mapped")} mapped, {counts.GetValueOrDefault("vigil.hunt.alerts")} alerts");
        }
    }

    private sealed class NullSink : Vigil.Hunt.IAlertSink
    {
        public void Write(Vigil.Detect.Rules.DetectionRule rule, ReadOnlySpan<byte> alert)
        {
        }
    }

    /// <summary>
    /// Frames the elements of one <c>{"Records":[...]}</c> document with <see cref="StructuralFraming"/>,
    /// as a hunt does, and counts them.
    /// </summary>
    private static int CountObjects(byte[] file)
    {
        var span = file.AsSpan();
        var i = span.IndexOf((byte)'[') + 1;
        var count = 0;
        while (true)
        {
            var next = span[i..].IndexOfAnyExcept(" \t\r\n,"u8);
            if (next < 0 || span[i + next] != '{')
            {
                return count;
            }

            i += next;
            var length = StructuralFraming.ValueLength(span[i..]);
            if (length <= 0)
            {
                return count;
            }

            i += length;
            count++;
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
