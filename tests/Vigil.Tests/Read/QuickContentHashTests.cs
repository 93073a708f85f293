using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Vigil.Read;

namespace Vigil.Tests.Read;

/// <summary>
/// The hunt's duplicate key: a scan of the raw bytes and a parsed record hash the same, key order,
/// spacing and escaping do not change the hash, and a changed value does.
/// </summary>
public class QuickContentHashTests
{
    [Theory]
    [MemberData(nameof(RecordScannerTests.ScannableRecords), MemberType = typeof(RecordScannerTests))]
    public void ScanHashEqualsParsedHash(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(RecordParser.TryParse(bytes, out var record, out _));

        Assert.True(new RecordScanner(ScanPurpose.Hunt).TryScan(bytes, out var facts));
        Assert.Equal(QuickContentHash.Compute(record!), facts.ContentHash);
    }

    [Fact]
    public void RandomRecords_ReorderedScanEqualsParse()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var record = RandomObject(random, depth: 0);
            record["eventID"] = "e-" + seed;
            record["eventName"] = "X";
            var plain = Encoding.UTF8.GetBytes(record.ToJsonString());
            var reordered = Encoding.UTF8.GetBytes(Write(record, random, reorder: true));

            var scanner = new RecordScanner(ScanPurpose.Hunt);
            Assert.True(scanner.TryScan(plain, out var first), Encoding.UTF8.GetString(plain));
            Assert.True(scanner.TryScan(reordered, out var second), Encoding.UTF8.GetString(reordered));
            Assert.Equal(QuickContentHash.Compute(record), first.ContentHash);
            Assert.Equal(first.ContentHash, second.ContentHash);
        }, iter: 300);
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", """{"a":2,"b":1}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":"1"}""", """{"a":1}""")]
    [InlineData("""{"a":{}}""", """{"a":[]}""")]
    [InlineData("""{"a":null}""", """{"a":"null"}""")]
    [InlineData("""{"a":[[1],[2]]}""", """{"a":[[1,2]]}""")]
    [InlineData("""{"ab":"c"}""", """{"a":"bc"}""")]
    [InlineData("""{"a":{"b":1},"c":2}""", """{"a":{"b":1,"c":2}}""")]
    [InlineData("""{"a":1.0}""", """{"a":1}""")]
    public void DifferentContentHashesDifferently(string first, string second)
    {
        Assert.NotEqual(QuickContentHash.Compute(JsonNode.Parse(first)!), QuickContentHash.Compute(JsonNode.Parse(second)!));
    }

    [Fact]
    public void EscapedAndPlainFormsHashTheSame()
    {
        Assert.Equal(
            QuickContentHash.Compute(JsonNode.Parse("""{"k\u00e9y":"\u0041\/b","eventID":"x"}""")!),
            QuickContentHash.Compute(JsonNode.Parse("""{ "eventID" : "x", "kéy" : "A/b" }""")!));
    }

    [Fact]
    public void EveryTextUpToTwoBytesHashesApart()
    {
        // Texts of 1 to 3 bytes are read as first, middle and last byte, so "ab" and "abb" read alike.
        // Only the length keeps them apart.
        var seen = new HashSet<ulong> { QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, []) };
        for (var first = 0; first < 256; first++)
        {
            Assert.True(seen.Add(QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, [(byte)first])), $"byte {first}");
            for (var second = 0; second < 256; second++)
            {
                Assert.True(seen.Add(QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, [(byte)first, (byte)second])), $"bytes {first} {second}");
            }
        }

        Assert.NotEqual(QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, "ab"u8), QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, "abb"u8));
    }

    [Fact]
    public void TextsThatDifferInOneByteHashApart()
    {
        // Every length through the short paths (overlapping 4- and 8-byte reads, 16-byte chunks) and
        // past them into XxHash3, with one byte changed anywhere, and with a byte appended.
        Gen.Select(Gen.Int[0, 80].SelectMany(length => Gen.Byte.Array[length]), Gen.Int, Gen.Byte).Sample((text, position, change) =>
        {
            var changed = text.ToArray();
            if (changed.Length > 0)
            {
                changed[(int)((uint)position % changed.Length)] ^= (byte)(change | 1);
                Assert.NotEqual(Hash(text), Hash(changed));
            }

            Assert.NotEqual(Hash(text), Hash([.. text, change]));
            Assert.NotEqual(Hash(text), QuickContentHash.OfKey(text));
        }, iter: 20_000);

        static ulong Hash(byte[] text) => QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, text);
    }

    private static JsonObject RandomObject(Random random, int depth)
    {
        var obj = new JsonObject();
        var count = random.Next(depth == 0 ? 1 : 0, 6);
        for (var i = 0; i < count; i++)
        {
            obj["k" + random.Next(1000) + (random.Next(4) == 0 ? "é\"\\" : "")] = RandomValue(random, depth + 1);
        }

        return obj;
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 4 ? 4 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-1000, 1000)),
        2 => JsonValue.Create(random.Next(3) == 0 ? "line\nbreak \u2603 \"q\"" : "v" + random.Next(100)),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => RandomObject(random, depth),
        _ => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))]),
    };

    /// <summary>Writes <paramref name="node"/> with its keys in a random order, random spacing and some escaped letters.</summary>
    private static string Write(JsonNode? node, Random random, bool reorder)
    {
        var space = random.Next(3) == 0 ? " " : "";
        switch (node)
        {
            case JsonObject obj:
                var members = obj.Select(m => $"{Escape(m.Key, random)}{space}:{space}{Write(m.Value, random, reorder)}").ToList();
                var ordered = reorder ? members.OrderBy(_ => random.Next()).ToList() : members;
                return "{" + space + string.Join("," + space, ordered) + space + "}";

            case JsonArray array:
                return "[" + string.Join(",", array.Select(item => Write(item, random, reorder))) + "]";

            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                return Escape(value.GetValue<string>(), random);

            default:
                return node?.ToJsonString() ?? "null";
        }
    }

    private static string Escape(string text, Random random)
    {
        var quoted = JsonValue.Create(text).ToJsonString();
        return random.Next(2) == 0 ? quoted.Replace("v", "\\u0076").Replace("k", "\\u006b") : quoted;
    }
}
