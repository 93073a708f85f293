using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Vigil.Detect.Kql;

namespace Vigil.Benchmarks;

/// <summary>
/// Parse and compile every KQL query of Elastic's prebuilt rules against the CloudTrail catalogue.
/// One operation is the whole set. The queries are read from <c>../shared/data/kql/real-rule-queries.jsonl</c>
/// beside the repository.
/// </summary>
public class KqlCompileBenchmarks
{
    private string[] _queries = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(RepositoryRoot.Shared, "data", "kql", "real-rule-queries.jsonl");
        _queries = File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => (string)JsonNode.Parse(line)!["query"]!)
            .ToArray();
    }

    /// <summary>Returns how many queries compiled, so the work cannot be optimised away.</summary>
    [Benchmark]
    public int KqlParseAndCompileRuleQueries()
    {
        var compiled = 0;
        foreach (var query in _queries)
        {
            compiled += Kql.Compile(query, FieldMapping.CloudTrail).Success ? 1 : 0;
        }

        return compiled;
    }
}
