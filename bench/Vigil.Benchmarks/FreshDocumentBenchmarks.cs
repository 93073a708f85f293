using BenchmarkDotNet.Attributes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// Compiled evaluation of the AssumeRole rule's query on documents no query has read yet, as the
/// first rule meets every event. Each iteration maps a new batch of documents in its setup, outside
/// the measured region, and the benchmark evaluates each document of the batch once, so one operation
/// is the first evaluation on its document. A batch is large enough that timer overhead is negligible,
/// and mapping it takes seconds, so the iteration counts are fixed and small.
/// </summary>
[WarmupCount(2)]
[IterationCount(8)]
[InvocationCount(1)]
public class FreshDocumentBenchmarks
{
    /// <summary>Documents per batch and kind; the two batches take a few hundred MB.</summary>
    public const int BatchSize = 8_192;

    private CompiledQuery _query = null!;
    private byte[][] _corpus = [];
    private byte[] _assumeRole = [];
    private EcsDocument[] _assumeRoleBatch = [];
    private EcsDocument[] _corpusBatch = [];

    [GlobalSetup]
    public void Setup()
    {
        _query = Kql.Compile(KqlEvaluationBenchmarks.AssumeRoleQuery, FieldMapping.CloudTrail).Query
            ?? throw new InvalidOperationException("The AssumeRole query does not compile.");
        _corpus = CorpusRecords.LoadUtf8();
        _assumeRole = System.Text.Encoding.UTF8.GetBytes(AssumeRoleRecord.Json);
    }

    /// <summary>Maps a new batch of each kind, so that no document has been read by a query.</summary>
    [IterationSetup]
    public void MapBatches()
    {
        _assumeRoleBatch = null!;
        _corpusBatch = null!;
        _assumeRoleBatch = MapBatch(_ => _assumeRole);
        _corpusBatch = MapBatch(i => _corpus[i % _corpus.Length]);
    }

    /// <summary>Every document is the AssumeRole sample, so every evaluation reads all four fields and matches.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int KqlAssumeRoleFreshAssumeRoleEvents() => Evaluate(_assumeRoleBatch);

    /// <summary>The real records in turn: most fail on their first field, as in a real hunt.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int KqlAssumeRoleFreshCorpusEvents() => Evaluate(_corpusBatch);

    /// <summary>Evaluates each document of <paramref name="batch"/> once and returns the matches.</summary>
    public int Evaluate(EcsDocument[] batch)
    {
        var matches = 0;
        foreach (var document in batch)
        {
            matches += _query.Matches(document) ? 1 : 0;
        }

        return matches;
    }

    public EcsDocument[] AssumeRoleBatch => _assumeRoleBatch;

    public EcsDocument[] CorpusBatch => _corpusBatch;

    private static EcsDocument[] MapBatch(Func<int, byte[]> record)
    {
        var batch = new EcsDocument[BatchSize];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = CloudTrailMapper.Map(CorpusRecords.Parse(record(i))).Document;
        }

        return batch;
    }
}
