using Vigil.Detect.Kql;
using Vigil.Map;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

/// <summary>Real rule queries and the reference CloudTrail mapped to ECS, for soundness checks of query analyses.</summary>
internal static class RealRuleMatches
{
    /// <summary>
    /// Returns the mapped reference events and samples, and the compiled queries of real rules. The
    /// test is skipped when the shared data is not beside the repository.
    /// </summary>
    public static (List<EcsDocument> Documents, List<CompiledQuery> Queries) Load()
    {
        var cloudTrail = RepoPaths.SharedOrSkip("data", "cloudtrail");
        SharedData.RequireRoot();
        var documents = RawRecords.FromPaths(cloudTrail, RepoPaths.Samples)
            .Select(record => CloudTrailMapper.Map(record).Document)
            .ToList();
        var queries = SharedData.KqlRecords("real-rule-queries.jsonl")
            .Select(r => Kql.Compile((string)r["query"]!, FieldMapping.CloudTrail).Query)
            .OfType<CompiledQuery>()
            .ToList();

        return (documents, queries);
    }
}
