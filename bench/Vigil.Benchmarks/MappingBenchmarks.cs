using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// Mapping CloudTrail records to ECS documents with <see cref="CloudTrailMapper.Map(JsonObject)"/>.
/// Each operation parses the record from its UTF-8 text first, because the reader hands the mapper a
/// freshly parsed, lazily materialized object and part of the mapping cost is materializing it.
/// <see cref="ParseCorpusRecord"/> measures the parse alone, to subtract.
/// </summary>
public class MappingBenchmarks
{
    private byte[][] _corpus = [];
    private byte[] _assumeRole = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = CorpusRecords.LoadUtf8();
        if (_corpus.Length != CorpusSize)
        {
            throw new InvalidOperationException($"Found {_corpus.Length} real records, expected {CorpusSize}; update CorpusSize to match the reference data.");
        }

        _assumeRole = Encoding.UTF8.GetBytes(AssumeRoleRecord.Json);
    }

    /// <summary>Parses and maps the AssumeRole sample record.</summary>
    [Benchmark]
    public EcsDocument MapAssumeRoleRecord() => CloudTrailMapper.Map(CorpusRecords.Parse(_assumeRole)).Document;

    /// <summary>Parses and maps every real record once; one operation is one record.</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int MapCorpusRecord()
    {
        var fields = 0;
        foreach (var utf8 in _corpus)
        {
            fields += CloudTrailMapper.Map(CorpusRecords.Parse(utf8)).Document.Root.Count;
        }

        return fields;
    }

    /// <summary>Parses every real record and counts its top-level properties, which builds their nodes.</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int ParseCorpusRecord()
    {
        var fields = 0;
        foreach (var utf8 in _corpus)
        {
            fields += CorpusRecords.Parse(utf8).Count;
        }

        return fields;
    }

    /// <summary>The number of records <see cref="CorpusRecords.LoadUtf8"/> returns, checked in <see cref="Setup"/>.</summary>
    public const int CorpusSize = 3358;
}
