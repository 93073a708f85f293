using BenchmarkDotNet.Attributes;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Benchmarks;

/// <summary>
/// Reading and mapping generated CloudTrail records from the bytes of one <c>{"Records":[...]}</c>
/// document in memory. One operation is one record, so the times are per record. Mapping costs the
/// difference between the two benchmarks.
/// </summary>
[MemoryDiagnoser]
public class ReadMapBenchmarks
{
    private const int Records = 2000;

    private byte[] _document = null!;
    private CloudTrailReader _reader = null!;

    [GlobalSetup]
    public void Setup()
    {
        _document = GeneratedRecords.Document(Records, roleChainShare: 0.01);
        _reader = new CloudTrailReader();
        if (GeneratedRecords.Map(_document).Length != Records)
        {
            throw new InvalidOperationException($"The generated document does not hold {Records} records.");
        }
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int ReadRecord()
    {
        var records = 0;
        foreach (var item in _reader.ReadFile(new MemoryStream(_document, writable: false), "generated"))
        {
            records += item.Outcome == ReadOutcome.Record ? 1 : 0;
        }

        return records;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int ReadAndMapRecord()
    {
        var fields = 0;
        foreach (var item in _reader.ReadFile(new MemoryStream(_document, writable: false), "generated"))
        {
            fields += CloudTrailMapper.Map(item.Record!).Document.Root.Count;
        }

        return fields;
    }
}
