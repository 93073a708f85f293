using BenchmarkDotNet.Attributes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// Compiled evaluation of the AssumeRole rule's query on one mapped CloudTrail event. One operation
/// is one <see cref="CompiledQuery.Matches"/> call: on a document whose field values earlier queries
/// already read (every rule after the first), or on a fresh document that has to walk its JSON tree.
/// </summary>
public class KqlEvaluationBenchmarks
{
    public const string AssumeRoleQuery =
        "event.dataset:aws.cloudtrail and event.provider:sts.amazonaws.com and event.action:AssumeRole "
        + "and aws.cloudtrail.user_identity.session_context.session_issuer.type:Role and event.outcome:success";

    private CompiledQuery _query = null!;
    private EcsDocument _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        _query = Kql.Compile(AssumeRoleQuery, FieldMapping.CloudTrail).Query
            ?? throw new InvalidOperationException("The AssumeRole query does not compile.");
        _document = CloudTrailMapper.Map(AssumeRoleRecord.Parse()).Document;
        if (!_query.Matches(_document))
        {
            throw new InvalidOperationException("The AssumeRole query does not match the sample event; the benchmark would measure the wrong path.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool KqlAssumeRoleMatches() => _query.Matches(_document);

    /// <summary>Includes creating the document wrapper, so that no field values are cached yet.</summary>
    [Benchmark]
    public bool KqlAssumeRoleMatchesFreshDocument() => _query.Matches(new EcsDocument(_document.Root));
}
