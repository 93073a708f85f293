using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// The pattern <c>*a*a*…*b</c> (50 stars) against 100,000 <c>a</c> characters: a backtracking matcher
/// takes time exponential in the stars, Vigil's must stay linear in the value length. The pattern ends
/// in a fixed suffix, which a linear matcher checks first, so a second pattern ends in a star
/// (<c>*a*…*a*b*</c>) and forces a scan of the whole value.
/// </summary>
public class KqlWildcardBenchmarks
{
    private const int Stars = 50;
    private const int ValueLength = 100_000;

    private CompiledQuery _query = null!;
    private CompiledQuery _scanQuery = null!;
    private EcsDocument _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        var pattern = string.Concat(Enumerable.Repeat("*a", Stars - 1)) + "*b";
        var mapping = FieldMapping.FromElasticsearchMapping(JsonNode.Parse("""{"f": "keyword"}""")!);
        _query = Kql.Compile("f:" + pattern, mapping).Query
            ?? throw new InvalidOperationException("The wildcard query does not compile.");
        _scanQuery = Kql.Compile("f:" + pattern + "*", mapping).Query
            ?? throw new InvalidOperationException("The wildcard query does not compile.");
        _document = new EcsDocument(new JsonObject { ["f"] = new string('a', ValueLength) });
        if (_query.Matches(_document) || _scanQuery.Matches(_document))
        {
            throw new InvalidOperationException("The pattern ends in b, so it must not match a run of a.");
        }
    }

    [Benchmark]
    public bool KqlWildcardFiftyStars() => _query.Matches(_document);

    [Benchmark]
    public bool KqlWildcardFiftyStarsFullScan() => _scanQuery.Matches(_document);
}
