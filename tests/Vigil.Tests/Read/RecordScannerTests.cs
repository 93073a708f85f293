using System.Text;
using System.Text.Json.Nodes;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Read;

public class RecordScannerTests
{
    public static TheoryData<string> ScannableRecords => new()
    {
        """{"eventID":"a","eventName":"AssumeRole","x":{"p":1,"q":[1,"2",true,null,{}]}}""",
        """{ "x" : { "q" : [ 1 , "2" , true , null , { } ] , "p" : 1 } , "eventName" : "AssumeRole" , "eventID" : "a" }""",
        """{"eventID":"a","eventName":"\u0041ssumeRole","k\u00e9y":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/"}""",
        """{"eventID":"a","eventTime":"2026-12-01T00:00:00Z","n":[-1.50e+3,0,12345678901234567890]}""",
        """{"eventID":"a","eventName":"X","lone":"\udc00 and \ud800"}""",
        """{"eventID":"a","eventName":"X","deep":[[[{"a":[{"b":"c"}]}]]]}""",
    };

    [Theory]
    [MemberData(nameof(ScannableRecords))]
    public void ScanHashEqualsParsedHash(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(RecordParser.TryParse(bytes, out var record, out _));

        Assert.True(new RecordScanner().TryScan(bytes, out var facts));
        Assert.Equal(CanonicalJsonHash.Compute(record!), facts.ContentHash);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScanHashEqualsParsedHashOnSamples(bool forHunt)
    {
        var scanner = new RecordScanner(forHunt ? ScanPurpose.Hunt : ScanPurpose.Store);
        var scanned = 0;
        foreach (var record in RawRecords.FromPaths(RepoPaths.Samples))
        {
            var bytes = Encoding.UTF8.GetBytes(record.ToJsonString());
            if (scanner.TryScan(bytes, out var facts) && facts.ContentHash is not null)
            {
                scanned++;
                Assert.Equal(forHunt ? QuickContentHash.Compute(record!) : CanonicalJsonHash.Compute(record!), facts.ContentHash);
            }
        }

        Assert.True(scanned > 10, $"only {scanned} sample records were scanned");
    }

    [Theory]
    [MemberData(nameof(ScannableRecords))]
    public void ScannedParseEqualsFullParse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(new RecordScanner().TryScan(bytes, out _));

        Assert.True(RecordParser.TryParse(bytes, out var full, out _));
        Assert.True(RecordParser.TryParseScanned(bytes, out var scanned));
        Assert.Equal(full!.ToJsonString(), scanned!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"eventName":"X","a":{"k":1,"k":2}}""")]
    [InlineData("""{"eventName":"X","k\u0065y":1,"key":2}""")]
    [InlineData("""{"eventName":"X","\ud800":1,"\udbff":2}""")]
    public void RepeatedKeyNeverReachesScannedParse(string json)
    {
        // The scanned parse skips the repeated-key check, so the scan must decline every such record,
        // including keys that only repeat once escapes are decoded or lone surrogates replaced.
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.False(new RecordScanner(ScanPurpose.Hunt).TryScan(bytes, out _));
        Assert.False(RecordParser.TryParse(bytes, out _, out _));
    }

    [Fact]
    public void EscapedEventNameIsUnescaped()
    {
        var bytes = """{"eventName":"\u0041ssumeRole","eventSource":"sts.amazonaws.com"}"""u8;

        Assert.True(new RecordScanner().TryScan(bytes, out var facts));
        Assert.Equal(new TopLevelValue(TopLevelValueKind.String, "AssumeRole"), facts.EventName);
        Assert.Equal(new TopLevelValue(TopLevelValueKind.String, "sts.amazonaws.com"), facts.EventSource);
    }

    [Fact]
    public void WithoutTimeAndIdKeepsTheirKindOnly()
    {
        var bytes = """{"eventID":"e-1","eventTime":"2026-12-01T00:00:00Z","eventName":"AssumeRole"}"""u8;

        var scanner = new RecordScanner(ScanPurpose.Hunt);
        Assert.True(scanner.TryScan(bytes, out var facts));
        Assert.Equal(new TopLevelValue(TopLevelValueKind.String, null), facts.EventId);
        Assert.Equal(new TopLevelValue(TopLevelValueKind.String, null), facts.EventTime);
        Assert.Equal(TopLevelValueKind.String, facts.EventName.Kind);
        Assert.Null(facts.EventName.Text);
        Assert.NotNull(facts.ContentHash);
    }

    [Fact]
    public void HuntScan_NameAndSource_Hashed()
    {
        var bytes = """{"eventName":"Assume\/Role","eventSource":"sts.amazonaws.com","eventTime":"t"}"""u8;
        var scanner = new RecordScanner(ScanPurpose.Hunt);

        Assert.True(scanner.TryScan(bytes, out var facts));
        Assert.Equal(QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, "Assume/Role"u8), facts.EventName.Hash);
        Assert.Equal(QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, "sts.amazonaws.com"u8), facts.EventSource.Hash);

        var (name, source) = scanner.RoutingTexts(facts.EventName, facts.EventSource);
        Assert.Equal("Assume/Role", name.Text);
        Assert.Equal("sts.amazonaws.com", source.Text);
    }

    [Fact]
    public void HuntScan_LongName_KeepsTextAndHash()
    {
        var longName = new string('N', Utf8Interner.MaxLength + 1);
        var bytes = Encoding.UTF8.GetBytes($$"""{"eventName":"{{longName}}","eventSource":7}""");
        var scanner = new RecordScanner(ScanPurpose.Hunt);

        Assert.True(scanner.TryScan(bytes, out var facts));
        Assert.Equal(longName, facts.EventName.Text);
        Assert.Equal(QuickContentHash.OfScalar(CanonicalJsonHash.StringKind, Encoding.UTF8.GetBytes(longName)), facts.EventName.Hash);
        Assert.Equal(TopLevelValue.Other, facts.EventSource);

        var (name, source) = scanner.RoutingTexts(facts.EventName, facts.EventSource);
        Assert.Equal(longName, name.Text);
        Assert.Equal(TopLevelValue.Other, source);
    }

    [Fact]
    public void HuntScan_ReaderPath_SameHashesAsTokenizer()
    {
        var bytes = """{"eventName":"AssumeRole","eventSource":"sts.amazonaws.com","x":"\u00e9"}"""u8;

        Assert.True(new RecordScanner(ScanPurpose.Hunt).TryScan(bytes, out var tokenized));
        Assert.True(new RecordScanner(ScanPurpose.Hunt) { ReaderOnly = true }.TryScan(bytes, out var read));
        Assert.Equal(tokenized.EventName, read.EventName);
        Assert.Equal(tokenized.EventSource, read.EventSource);
    }

    [Fact]
    public void RepeatedKeyInALargeObjectFailsTheScan()
    {
        var members = string.Join(",", Enumerable.Range(0, 20).Select(i => $"\"k{i}\":{i}"));
        var bytes = Encoding.UTF8.GetBytes($$"""{"eventName":"X",{{members}},"k7":0}""");

        Assert.False(new RecordScanner().TryScan(bytes, out _));
    }

    [Fact]
    public void NestedEventNameIsNotTopLevel()
    {
        var bytes = """{"eventTime":"t","x":{"eventName":"AssumeRole"}}"""u8;

        Assert.True(new RecordScanner().TryScan(bytes, out var facts));
        Assert.Equal(TopLevelValue.Absent, facts.EventName);
    }

    [Fact]
    public void NonStringEventNameIsOther()
    {
        var bytes = """{"eventName":["AssumeRole"],"eventSource":5}"""u8;

        Assert.True(new RecordScanner().TryScan(bytes, out var facts));
        Assert.Equal(TopLevelValue.Other, facts.EventName);
        Assert.Equal(TopLevelValue.Other, facts.EventSource);
    }

    [Fact]
    public void RecordWithoutStringEventIdHasNoHash()
    {
        var bytes = """{"eventName":"X","eventID":7}"""u8;

        Assert.True(new RecordScanner().TryScan(bytes, out var facts));
        Assert.Null(facts.ContentHash);
    }

    [Theory]
    [InlineData("""{"eventName":"X","a":{"k":1,"k":2}}""")]
    [InlineData("""{"eventName":"X","eventName":"Y"}""")]
    [InlineData("""{"detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"X"}}""")]
    [InlineData("""{"digestStartTime":"t","logFiles":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""[{"eventName":"X"}]""")]
    [InlineData("""{"eventName":"X","a":"\x"}""")]
    public void RecordNeedingParserIsDeclined(string json)
    {
        Assert.False(new RecordScanner().TryScan(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void InvalidUtf8IsDeclined()
    {
        byte[] bytes = [.. "{\"eventName\":\"X\",\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.False(new RecordScanner().TryScan(bytes, out _));
    }

    [Fact]
    public void ParsedHashIgnoresKeyOrder()
    {
        var first = JsonNode.Parse("""{"a":1,"b":[1,{"c":"d","e":"f"}]}""");
        var second = JsonNode.Parse("""{"b":[1,{"e":"f","c":"d"}],"a":1}""");

        Assert.Equal(CanonicalJsonHash.Compute(first!), CanonicalJsonHash.Compute(second!));
    }

    [Fact]
    public void ParsedHashKeepsArrayOrder()
    {
        Assert.NotEqual(CanonicalJsonHash.Compute(JsonNode.Parse("[1,2]")!), CanonicalJsonHash.Compute(JsonNode.Parse("[2,1]")!));
    }
}
