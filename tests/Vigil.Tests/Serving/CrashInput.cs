using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Serving;

/// <summary>
/// Feeds a watched folder the way a trail does while <c>vigil serve</c> is being killed: a new
/// multi-batch file each round, a file that grows, and now and then a repeated delivery of an
/// earlier file. Event times are the wall clock at writing, so some events arrive after their
/// time was searched.
/// </summary>
internal sealed class CrashInput(string watch, string staging)
{
    /// <summary>Records of a round file: more than one ingest batch of 2000, so a kill can land between two commits.</summary>
    public const int RoundFileChains = 20;
    public const int RoundFileNoise = 2040;

    private const int GrowthChains = 5;
    private const int GrowthNoise = 85;

    private readonly List<string> _roundFiles = [];
    private int _nextIndex;

    public void AddRound(int round, Random random)
    {
        var file = Path.Combine(staging, $"round-{round:D2}.ndjson");
        File.WriteAllLines(file, Records(RoundFileChains, RoundFileNoise, random).Select(r => r.ToJsonString()));
        var delivered = Path.Combine(watch, Path.GetFileName(file));

        // A rename is atomic, so the watcher reads the whole file or none of it, as with an S3 download.
        File.Move(file, delivered);
        _roundFiles.Add(delivered);

        File.AppendAllLines(Path.Combine(watch, "growing.ndjson"), Records(GrowthChains, GrowthNoise, random).Select(r => r.ToJsonString()));

        if (round % 4 == 0)
        {
            var earlier = _roundFiles[random.Next(_roundFiles.Count)];
            File.Copy(earlier, Path.Combine(staging, $"redelivered-{round:D2}.ndjson"));
            File.Move(Path.Combine(staging, $"redelivered-{round:D2}.ndjson"), Path.Combine(watch, $"redelivered-{round:D2}.ndjson"));
        }
    }

    private List<JsonObject> Records(int chains, int noise, Random random)
    {
        var records = new List<JsonObject>();
        for (var i = 0; i < chains; i++)
        {
            records.AddRange(ServeInputs.RoleChainingWithNearMisses(_nextIndex++, EventTime(random)));
        }

        for (var i = 0; i < noise; i++)
        {
            records.Add(ServeInputs.Noise(_nextIndex++, EventTime(random)));
        }

        return records;
    }

    /// <summary>Now, less up to two seconds, at CloudTrail's one-second precision.</summary>
    private static string EventTime(Random random) =>
        DateTimeOffset.UtcNow.AddMilliseconds(-random.Next(0, 2000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
