using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Hunt;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>--phase-probe FILE</c>: for the records of one file that the built-in rule alerts on, the
/// wall time and bytes allocated per record of each step after the scan: parsing, the pre-clean
/// copy, the rest of the mapping, serialising the document and writing the alert. One thread.
/// </summary>
internal static class PhaseProbe
{
    private const int Rounds = 5;

    public static void Run(string path)
    {
        var records = new List<byte[]>();
        foreach (var _ in new CloudTrailReader().ReadFileRaw(path, (json, _, _, _, _, _) => records.Add(json.ToArray())))
        {
        }

        var (rules, _) = RulePreparation.Prepare(Vigil.Detect.Rules.BuiltInRules.All, new HuntOptions([path]), FieldMapping.CloudTrail);
        var matched = new List<PreparedRule>(rules);
        var scratch = new WrittenAlerts.Scratch();
        var keep = new AlertTextBuffer();
        var executionTime = DateTimeOffset.UnixEpoch;
        for (var round = 1; round <= Rounds; round++)
        {
            var phases = new Phase[] { new("parse"), new("pre-clean copy"), new("map (whole)"), new("serialise"), new("alert write") };
            foreach (var json in records)
            {
                JsonObject? record = null;
                phases[0].Time(() => _ = RecordParser.TryParseScanned(json, out record));
                phases[1].Time(() => EmptyValueCleaner.PreClean(record!));
                _ = RecordParser.TryParseScanned(json, out record);
                MapResult mapped = null!;
                phases[2].Time(() => mapped = CloudTrailMapper.Map(record!));
                phases[3].Time(() => mapped.Document.Utf8Json());
                phases[4].Time(() => WrittenAlerts.Write(matched, mapped.Document, executionTime, scratch, keep));
                keep.Clear();
            }

            TimeSteps(records);
            Console.WriteLine($"round {round}, {records.Count} records: " + string.Join("; ", phases.Select(p => p.Report(records.Count))));
        }
    }

    private static void TimeSteps(List<byte[]> records)
    {
        var steps = (Action<MappingContext>[])typeof(CloudTrailMapper).GetField("Steps", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        var phases = steps.Select((step, i) => new Phase($"{i}:{step.Method.Name}")).ToArray();
        foreach (var json in records)
        {
            _ = RecordParser.TryParseScanned(json, out var record);
            var context = new MappingContext(EmptyValueCleaner.PreClean(record!));
            EventMapping.MapTimestamp(context, CloudTrailMapper.EventTime(record!));
            for (var i = 0; i < steps.Length; i++)
            {
                phases[i].Time(() => steps[i](context));
            }
        }

        Console.WriteLine(string.Join("; ", phases.Select(p => p.Report(records.Count))));
    }

    private sealed class Phase(string name)
    {
        private long _ticks;
        private long _bytes;

        public void Time(Action step)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            step();
            _ticks += Stopwatch.GetTimestamp() - start;
            _bytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
        }

        public string Report(int records) =>
            $"{name} {Stopwatch.GetElapsedTime(0, _ticks).TotalMicroseconds / records:F1} µs {_bytes / records / 1024.0:F1} KB";
    }
}
