using System.Text;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Benchmarks;

/// <summary>
/// The real CloudTrail records of the reference data beside the repository (the Invictus attack
/// simulation and Panther's rule tests, 3,358 records), as the UTF-8 JSON text of each record.
/// </summary>
internal static class CorpusRecords
{
    public static byte[][] LoadUtf8()
    {
        var root = Path.Combine(RepositoryRoot.Shared, "data", "cloudtrail");
        var reader = new CloudTrailReader();
        return CloudTrailReader.ExpandPaths([root])
            .SelectMany(reader.ReadFile)
            .Where(item => item.Outcome == ReadOutcome.Record)
            .Select(item => Encoding.UTF8.GetBytes(item.Record!.ToJsonString()))
            .ToArray();
    }

    /// <summary>Parses a record as the reader does: a lazily materialized <see cref="JsonObject"/>.</summary>
    public static JsonObject Parse(byte[] utf8) => JsonNode.Parse(utf8)!.AsObject();
}
