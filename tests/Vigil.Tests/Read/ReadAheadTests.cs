using System.Text;
using Vigil.Read;
using Vigil.Tests.Support;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>
/// Reading a file ahead on a thread of its own gives the same items, errors and raw records, in the
/// same order, as reading it on the caller's thread. The files are valid, damaged or truncated, gzip
/// or not, and smaller or larger than one read-ahead chunk.
/// </summary>
public class ReadAheadTests
{
    public static TheoryData<string> Cases => new()
    {
        "records.json", "records.ndjson", "records.json.gz", "records.ndjson.gz", "truncated.json.gz",
        "truncated-early.json.gz", "corrupt.ndjson.gz", "crc.json.gz", "invalid-line.ndjson",
        "cut.json", "two-members.ndjson.gz", "large.ndjson", "large-truncated.ndjson.gz", "large-invalid.json",
        "empty.json", "fatal-then-truncated.json.gz",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadAhead_File_SameItems(string name)
    {
        using var temp = new TempDirectory();
        var path = Write(temp.Path, name);

        var ahead = Read(new CloudTrailReader { ReadAheadFrom = 0 }, path);
        var inline = Read(new CloudTrailReader { ReadAheadFrom = long.MaxValue }, path);

        Assert.NotEmpty(inline);
        Assert.Equal(inline, ahead);
    }

    [Fact]
    public void ReadAhead_StoppedEarly_Returns()
    {
        using var temp = new TempDirectory();
        var path = Write(temp.Path, "large.ndjson");
        var records = 0;

        using (var items = new CloudTrailReader { ReadAheadFrom = 0 }.ReadFileRaw(path, (_, _, _, _, _, _) => records++).GetEnumerator())
        {
            while (records < 10 && items.MoveNext())
            {
            }
        }

        Assert.True(records >= 10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SharedChunk_Referenced_KeepsRecordBytes(bool array)
    {
        using var temp = new TempDirectory();
        var path = WriteLong(temp.Path, array);
        var referenced = new List<(ChunkSlice Slice, byte[] Expected)>();
        var copied = 0;

        foreach (var _ in new CloudTrailReader { ReadAheadFrom = 0 }.ReadFileRaw(path, (json, _, _, _, _, shared) =>
        {
            if (shared is not { } slice)
            {
                copied++;
                return;
            }

            slice.Chunk.AddReference();
            referenced.Add((slice, json.ToArray()));
        }))
        {
        }

        // Every chunk was read and handed on while these records kept their references.
        Assert.True(referenced.Select(r => r.Slice.Chunk).Distinct().Count() > 8, $"{referenced.Count} records referenced chunks, {copied} were copied");
        Assert.Equal(LongRecords, referenced.Count + copied);
        foreach (var (slice, expected) in referenced)
        {
            Assert.True(slice.Chunk.Buffer.AsSpan(slice.Start, expected.Length).SequenceEqual(expected), $"record at {slice.Start} changed");
            slice.Chunk.Release();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SharedChunk_Released_IsUsedAgain(bool array)
    {
        using var temp = new TempDirectory();
        var path = WriteLong(temp.Path, array);
        var chunks = new HashSet<SharedChunk>(ReferenceEqualityComparer.Instance);
        var records = 0;

        foreach (var _ in new CloudTrailReader { ReadAheadFrom = 0 }.ReadFileRaw(path, (_, _, _, _, _, shared) =>
        {
            records++;
            if (shared is { } slice)
            {
                chunks.Add(slice.Chunk);
            }
        }))
        {
        }

        Assert.Equal(LongRecords, records);
        Assert.InRange(chunks.Count, 2, 8);
    }

    [Fact]
    public void SharedChunk_ReleasedTwice_Throws()
    {
        var chunk = new SharedChunk(16, []);
        chunk.Open();
        chunk.Release();

        Assert.Throws<InvalidOperationException>(chunk.Release);
    }

    [Fact]
    public void ReadAhead_Failure_AfterBytesBeforeIt()
    {
        using var stream = new ReadAheadStream(new FailingStream(reads: 3, length: 100));
        var buffer = new byte[64];
        var total = 0;

        var error = Assert.Throws<IOException>(() =>
        {
            while (stream.Read(buffer) is var read and > 0)
            {
                total += read;
            }
        });

        Assert.Equal(300, total);
        Assert.Equal("disk failed", error.Message);
    }

    private const int LongRecords = 60_000;

    /// <summary>Writes a file of about 13 MB, a dozen read-ahead chunks, as NDJSON or as one delivery object.</summary>
    private static string WriteLong(string folder, bool array)
    {
        var records = Enumerable.Range(1, LongRecords).Select(i => Record(i, $",\"pad\":\"{new string('x', 150)}\"")).ToList();
        var path = Path.Combine(folder, array ? "long.json" : "long.ndjson");
        File.WriteAllText(path, array ? "{\"Records\":[" + string.Join(",", records) + "]}" : string.Join("\n", records) + "\n");
        Assert.True(new FileInfo(path).Length > 12 * 1024 * 1024);
        return path;
    }

    private static List<string> Read(CloudTrailReader reader, string path)
    {
        var seen = new List<string>();
        foreach (var item in reader.ReadFileRaw(path, (json, location, offset, _, _, _) => seen.Add($"record {location} {offset} {Encoding.UTF8.GetString(json)}")))
        {
            seen.Add($"{item.Outcome} {item.Location} {item.Reason}");
        }

        return seen;
    }

    private static string Write(string folder, string name)
    {
        var lines = Enumerable.Range(1, 40).Select(i => Record(i)).ToList();
        var ndjson = string.Join("\n", lines) + "\n";
        var json = "{\"Records\":[" + string.Join(",", lines) + "]}";

        // Larger than one read-ahead chunk (1 MiB), so chunks follow one another mid-record.
        var large = string.Join("\n", Enumerable.Range(1, 9000).Select(i => Record(i, $",\"pad\":\"{new string('x', 100 + (i % 50))}\""))) + "\n";
        var largeArray = "{\"Records\":[" + large.TrimEnd().Replace("\n", ",") + "]}";

        // A '}' in place of the comma before record 4500 ends the array early, which stops reading.
        var record4500 = Record(4500)[..Record(4500).IndexOf("\"id-4500\"", StringComparison.Ordinal)];
        var fatal = largeArray.Replace("," + record4500 + "\"id-4500\"", "}" + record4500 + "\"id-4500\"", StringComparison.Ordinal);
        byte[] bytes = name switch
        {
            "records.json" => Encoding.UTF8.GetBytes(json),
            "records.ndjson" => Encoding.UTF8.GetBytes(ndjson),
            "records.json.gz" => Gzip(json),
            "records.ndjson.gz" => Gzip(ndjson),
            "truncated.json.gz" => Gzip(json)[..^20],
            "truncated-early.json.gz" => Gzip(json)[..30],
            "corrupt.ndjson.gz" => Damaged(Gzip(ndjson)),
            "crc.json.gz" => WithBadCrc(Gzip(json)),
            "invalid-line.ndjson" => Encoding.UTF8.GetBytes(ndjson.Replace("\"id-7\"", "\"id-7\" oops")),
            "cut.json" => Encoding.UTF8.GetBytes(json[..(json.Length / 2)]),
            "two-members.ndjson.gz" => [.. Gzip(ndjson), .. Gzip(ndjson)],
            "large.ndjson" => Encoding.UTF8.GetBytes(large),
            "large-truncated.ndjson.gz" => Gzip(large)[..^1000],
            "large-invalid.json" => Encoding.UTF8.GetBytes(largeArray.Replace("\"id-4500\"", "\"id-4500\",,", StringComparison.Ordinal)),
            "empty.json" => [],
            "fatal-then-truncated.json.gz" => Gzip(fatal)[..^1000],
            _ => throw new ArgumentException(name),
        };

        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Returns <paramref name="reads"/> reads of <paramref name="length"/> bytes, then throws.</summary>
    private sealed class FailingStream(int reads, int length) : ReadOnlyStream
    {
        private int _reads;

        public override int Read(Span<byte> buffer)
        {
            if (_reads++ == reads)
            {
                throw new IOException("disk failed");
            }

            var read = Math.Min(buffer.Length, length);
            buffer[..read].Fill((byte)'x');
            return read;
        }
    }

    private static byte[] Damaged(byte[] gzip)
    {
        for (var i = gzip.Length / 2; i < gzip.Length / 2 + 16; i++)
        {
            gzip[i] = 0xFF;
        }

        return gzip;
    }

    private static byte[] WithBadCrc(byte[] gzip)
    {
        gzip[^8] ^= 0xFF;
        return gzip;
    }
}
