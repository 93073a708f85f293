using Vigil.Generator;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Benchmarks;

/// <summary>
/// Generated CloudTrail for the per-record benchmarks: one <c>{"Records":[...]}</c> document in memory,
/// drawn from the reference records beside the repository when present, else from the built-in profile.
/// </summary>
internal static class GeneratedRecords
{
    public static byte[] Document(int count, double roleChainShare)
    {
        var profile = SharedProfile.TryLoad(Path.Combine(RepositoryRoot.Shared, "data", "cloudtrail")) ?? BuiltInProfile.Create();
        using var buffer = new MemoryStream();
        CloudTrailGenerator.Write(buffer, new GeneratorOptions("", OutputLayout.Json, Seed: 1, roleChainShare, MaxRecords: count), profile);
        return buffer.ToArray();
    }

    /// <summary>Reads and maps every record of <paramref name="document"/>, failing on the first one that does not map.</summary>
    public static EcsDocument[] Map(byte[] document)
    {
        var reader = new CloudTrailReader();
        var mapped = new List<EcsDocument>();
        foreach (var item in reader.ReadFile(new MemoryStream(document), "generated"))
        {
            var result = item.Outcome == ReadOutcome.Record
                ? CloudTrailMapper.Map(item.Record!)
                : throw new InvalidOperationException($"Generated record {item.Location} did not read: {item.Reason}");
            mapped.Add(result.Error is null ? result.Document : throw new InvalidOperationException($"Generated record {item.Location} did not map: {result.Error}"));
        }

        return [.. mapped];
    }
}
