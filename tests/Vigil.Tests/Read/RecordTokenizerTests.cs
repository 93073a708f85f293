using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Read;

/// <summary>
/// The scanner's own tokenizer against <see cref="System.Text.Json.Utf8JsonReader"/>. On every input
/// the scan with the tokenizer first returns the same result and facts as the reader alone, and the
/// tokenizer scans the common records itself.
/// </summary>
public class RecordTokenizerTests
{
    // Bytes that make or break JSON, for mutations.
    private static readonly byte[] Alphabet = [.. "{}[]\",:\\ \t\r\n0123456789-+.eEtrufalsn/bu\u0001\u001f"u8, 0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF];

    [Theory]
    [InlineData("""{"eventName":"X","a":[1,]}""")]
    [InlineData("""{"eventName":"X","a":1,}""")]
    [InlineData("""{"eventName":"X","a":01}""")]
    [InlineData("""{"eventName":"X","a":-}""")]
    [InlineData("""{"eventName":"X","a":1.}""")]
    [InlineData("""{"eventName":"X","a":1e}""")]
    [InlineData("""{"eventName":"X","a":1e+}""")]
    [InlineData("""{"eventName":"X","a":.5}""")]
    [InlineData("""{"eventName":"X","a":+1}""")]
    [InlineData("""{"eventName":"X","a":truex}""")]
    [InlineData("""{"eventName":"X","a":nul}""")]
    [InlineData("""{"eventName":"X","a":True}""")]
    [InlineData("""{"eventName":"X","a":"\x"}""")]
    [InlineData("""{"eventName":"X","a":"\u00"}""")]
    [InlineData("""{"eventName":"X","a":"\ud800"}""")]
    [InlineData("""{"eventName":"X","a":"\/\b\f\n\r\t\"\\"}""")]
    [InlineData("""{"eventName":"X" "a":1}""")]
    [InlineData("""{"eventName":"X","a"1}""")]
    [InlineData("""{"eventName":"X","a":{"b":1]}""")]
    [InlineData("""{"eventName":"X","a":[1}""")]
    [InlineData("""{"eventName":"X"}}""")]
    [InlineData("""{"eventName":"X"} x""")]
    [InlineData("""{"eventName":"X"} {}""")]
    [InlineData(""" {"eventName":"X"}  """)]
    [InlineData("""{"eventName":"X",'a':1}""")]
    [InlineData("""{"eventName":"X",/*c*/"a":1}""")]
    [InlineData("""{"eventName":"X","a":-0.0e-0,"b":-12.5E+30}""")]
    [InlineData("""{"eventName":"X","a":{"a":{"a":1},"a":2}}""")]
    [InlineData("""{"eventName":"X","a":{"b":1,"b":2}}""")]
    [InlineData("""{"eventTime":"T","eventID":"i","eventSource":"s","n":[{}, [], [{}], null]}""")]
    [InlineData("\uFEFF{\"eventName\":\"X\"}")]
    [InlineData("{\"eventName\":\"X\",\"a\":\"tab\there\"}")]
    [InlineData("{\"eventName\":\"X\",\"a\":\"\u007f\"}")]
    [InlineData("{\"eventName\":\"X\",\"caf\u00e9\":\"\u2603 snow \ud83d\ude00 and a long tail of text after it\"}")]
    [InlineData("{\"eventName\":\"X\",\u000b\"a\":1}")]
    [InlineData("""{"eventName":"X","a":"a string of more than thirty-two bytes, before its \"quote\" and after"}""")]
    public void Tokenizer_Case_MatchesReader(string json)
    {
        AssertSameAsReader(Encoding.UTF8.GetBytes(json));
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    [InlineData(300, false)]
    public void Tokenizer_DeepRecord_GoesToReader(int depth, bool tokenized)
    {
        var json = Encoding.UTF8.GetBytes("{\"eventName\":\"X\",\"a\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}");
        var scanner = new RecordScanner(ScanPurpose.Hunt);

        scanner.TryScan(json, out _);

        Assert.Equal(tokenized ? 0 : 1, scanner.ReaderScans);
        AssertSameAsReader(json);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 }, 0)]
    [InlineData(new byte[] { 0xE2, 0x98 }, 5)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 40)]
    [InlineData(new byte[] { 0xF5, 0x80, 0x80, 0x80 }, 31)]
    [InlineData(new byte[] { 0xC0, 0xAF }, 32)]
    public void Tokenizer_InvalidUtf8InString_Rejected(byte[] invalid, int offset)
    {
        var before = Encoding.UTF8.GetBytes("{\"eventName\":\"X\",\"a\":\"" + new string('x', offset));
        var json = (byte[])[.. before, .. invalid, .. "tail\"}"u8];

        Assert.False(new RecordScanner(ScanPurpose.Hunt).TryScan(json, out _));
        AssertSameAsReader(json);
    }

    [Theory]
    [InlineData("caf\u00e9")]
    [InlineData("\u2603 snow, in a string of more than thirty-two bytes")]
    [InlineData("\ud83d\ude00")]
    [InlineData("\u00e9\u2603\ud83d\ude00\u00e9")]
    public void Tokenizer_ValidUtf8InString_NeedsNoReader(string text)
    {
        var json = Encoding.UTF8.GetBytes($"{{\"eventName\":\"X\",\"{text}\":\"{text}\"}}");
        var scanner = new RecordScanner(ScanPurpose.Hunt);

        Assert.True(scanner.TryScan(json, out _));
        Assert.Equal(0, scanner.ReaderScans);
        AssertSameAsReader(json);
    }

    [Fact]
    public void Tokenizer_Samples_NeedNoReader()
    {
        var records = RawRecords.FromPaths(RepoPaths.Samples).Select(r => Encoding.UTF8.GetBytes(r.ToJsonString())).ToList();
        var scanner = new RecordScanner(ScanPurpose.Hunt);

        foreach (var json in records)
        {
            scanner.TryScan(json, out _);
            AssertSameAsReader(json);
        }

        Assert.True(records.Count > 10);
        Assert.Equal(0, scanner.ReaderScans);
    }

    [Fact]
    public void Tokenizer_RandomRecords_MatchReader()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            AssertSameAsReader(Encoding.UTF8.GetBytes(RandomRecord(random)));
        }, iter: 2000);
    }

    [Fact]
    public void Tokenizer_DamagedRecords_MatchReader()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var json = new List<byte>(Encoding.UTF8.GetBytes(RandomRecord(random)));
            for (var edit = random.Next(1, 4); edit > 0; edit--)
            {
                var at = random.Next(json.Count);
                switch (random.Next(3))
                {
                    case 0:
                        json.RemoveAt(at);
                        break;
                    case 1:
                        json.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        json[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                }
            }

            AssertSameAsReader([.. json]);
        }, iter: 20000);
    }

    [Fact]
    public void Tokenizer_RealRecords_MatchReader()
    {
        var root = SharedData.Require("data/cloudtrail");
        var records = new List<byte[]>();
        foreach (var file in CloudTrailReader.ExpandPaths([root]))
        {
            foreach (var _ in new CloudTrailReader().ReadFileRaw(file, (json, _, _, _, _, _) => records.Add(json.ToArray())))
            {
            }
        }

        var scanner = new RecordScanner(ScanPurpose.Hunt);
        foreach (var json in records)
        {
            scanner.TryScan(json, out _);
            AssertSameAsReader(json);
        }

        // Only records with \u escapes, or not events at all, are left to the reader.
        Assert.True(records.Count > 3000);
        Assert.True(scanner.ReaderScans * 10 < records.Count, $"{scanner.ReaderScans} of {records.Count} records went to the reader");
    }

    private static void AssertSameAsReader(byte[] json)
    {
        foreach (var purpose in new[] { ScanPurpose.Hunt, ScanPurpose.Store })
        {
            var both = new RecordScanner(purpose).TryScan(json, out var tokenized);
            var reader = new RecordScanner(purpose) { ReaderOnly = true }.TryScan(json, out var read);

            Assert.True(both == reader, $"{purpose}: tokenizer path {both}, reader {reader}: {Encoding.UTF8.GetString(json)}");
            Assert.Equal(read, tokenized);
        }
    }

    /// <summary>A record with nested values, numbers of every form, short escapes and random JSON spacing.</summary>
    private static string RandomRecord(Random random)
    {
        var builder = new StringBuilder();
        builder.Append('{');
        Space(builder, random);
        builder.Append("\"eventName\":\"E").Append(random.Next(10)).Append("\",\"eventID\":\"").Append(random.Next()).Append('"');
        var members = random.Next(6);
        for (var i = 0; i < members; i++)
        {
            builder.Append(',');
            Space(builder, random);
            builder.Append(RandomString(random)).Append(':');
            Space(builder, random);
            RandomValue(builder, random, 1);
        }

        Space(builder, random);
        return builder.Append('}').ToString();
    }

    private static void RandomValue(StringBuilder builder, Random random, int depth)
    {
        switch (random.Next(depth > 4 ? 4 : 6))
        {
            case 0:
                builder.Append(random.Next(3) switch { 0 => "null", 1 => "true", _ => "false" });
                break;
            case 1:
                builder.Append(RandomNumber(random));
                break;
            case 2 or 3:
                builder.Append(RandomString(random));
                break;
            case 4:
                Container(builder, random, depth, '{', '}', member: true);
                break;
            default:
                Container(builder, random, depth, '[', ']', member: false);
                break;
        }
    }

    private static void Container(StringBuilder builder, Random random, int depth, char open, char close, bool member)
    {
        builder.Append(open);
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            Space(builder, random);
            if (member)
            {
                builder.Append(RandomString(random)).Append(':');
            }

            RandomValue(builder, random, depth + 1);
            Space(builder, random);
        }

        builder.Append(close);
    }

    private static string RandomNumber(Random random)
    {
        var number = (random.Next(2) == 0 ? "-" : "") + (random.Next(3) == 0 ? "0" : random.Next(1, 100000).ToString());
        if (random.Next(3) == 0)
        {
            number += "." + random.Next(1000);
        }

        if (random.Next(4) == 0)
        {
            number += (random.Next(2) == 0 ? "e" : "E") + (random.Next(3) switch { 0 => "+", 1 => "-", _ => "" }) + random.Next(40);
        }

        return number;
    }

    private static string RandomString(Random random)
    {
        var pieces = new[] { "a", "k", "é", "☃", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u0041", "\\u00e9", "\\ud83d\\ude00", "x-y_z", "0123456789abcdef0123456789" };
        var builder = new StringBuilder("\"");
        var count = random.Next(6);
        for (var i = 0; i < count; i++)
        {
            builder.Append(pieces[random.Next(random.Next(4) == 0 ? pieces.Length : 5)]);
        }

        return builder.Append('"').ToString();
    }

    private static void Space(StringBuilder builder, Random random)
    {
        if (random.Next(3) == 0)
        {
            builder.Append(" \t\r\n"[random.Next(4)]);
        }
    }
}
