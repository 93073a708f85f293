using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>One malformed record costs one error item, and the good records around it are still read.</summary>
public class RecoveryTests
{
    [Theory]
    [InlineData("{\"eventName\":\"a\u0001b\"}")]
    [InlineData("{\"eventName\":\"a\" \"eventID\":\"b\"}")]
    [InlineData("{\"eventName\":\"a,]\",\"n\":01}")]
    public void BadEnvelopeElementKeepsLaterRecords(string bad)
    {
        var items = ReadAll($$"""{"Records":[{{Record(1)}},{{bad}},{{Record(3)}},{{Record(4)}}]}""");

        Assert.Equal(3, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("record 2, byte ", error.Location);
        Assert.Contains("record 2 is left out (counted as an error)", error.Reason);
        Assert.Equal("record 4", items[^1].Location);
    }

    [Fact]
    public void MissingCommaBetweenRecordsSkipsOne()
    {
        var items = ReadAll($$"""{"Records":[{{Record(1)}} {{Record(2)}},{{Record(3)}}]}""");

        Assert.Equal(2, items.Records().Count);
        Assert.Contains("missing comma", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void UnbalancedElementEndsFileWithCount()
    {
        var items = ReadAll($$"""{"Records":[{{Record(1)}},{"a":[1,2}]}""");

        Assert.Single(items.Records());
        var error = Assert.Single(items.Errors());
        Assert.Contains("1 record recovered", error.Reason);
        Assert.Matches("the rest of the file, [0-9]+ bytes from byte [0-9]+, is not read", error.Reason);
    }

    [Fact]
    public void BareArrayElementIsSkipped()
    {
        var items = ReadAll($"[\n{Record(1)},\n{{\"a\":tru}},\n{Record(3)}\n]\n");

        Assert.Equal(2, items.Records().Count);
        Assert.Single(items.Errors());
    }

    [Fact]
    public void BrokenNdjsonLineEndsAtNewline()
    {
        var items = ReadAll($"{Record(1)}\n{{\"broken\":\n{Record(3)}\n");

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 2, byte ", error.Location);
        Assert.Equal("line 3", items[^1].Location);
    }

    [Theory]
    [InlineData("Fetching page 2...\nDone.\n", 5)]
    [InlineData("Fetching page 2...\n  indented text\n\n", 6)]
    [InlineData("one text line\n", 4)]
    public void TextLinesBetweenRecordsLoseNoRecord(string text, int resumeLine)
    {
        var items = ReadAll($"{Record(1)}\n{Record(2)}\n{text}{Record(3)}\n{Record(4)}\n");

        Assert.Equal(4, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 3, byte ", error.Location);
        Assert.EndsWith($"reading continues at line {resumeLine}", error.Reason);
    }

    [Theory]
    [InlineData("}")]
    [InlineData(",")]
    [InlineData("]")]
    [InlineData(" x")]
    public void StrayBytesAfterARecordLoseOnlyTheirLine(string stray)
    {
        var items = ReadAll($"{Record(1)}{stray}\n{Record(2)}\n{Record(3)}\n");

        Assert.Equal(3, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 1, byte ", error.Location);
        Assert.EndsWith("reading continues at line 2", error.Reason);
    }

    [Fact]
    public void RawLineFeedLosesOneRecord()
    {
        // The line feed cuts record 2 in two, and the second half starts no value.
        var cut = Record(2).Replace("\"eventName\"", "\"event\nName\"", StringComparison.Ordinal);

        var items = ReadAll($"{Record(1)}\n{cut}\n{Record(3)}\n");

        Assert.Equal(["line 1", "line 4"], items.Records().Select(item => item.Location));
        Assert.EndsWith("reading continues at line 4", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void TextToTheEndIsOneError()
    {
        var items = ReadAll($"{Record(1)}\nsome text\nmore text\nand more\n");

        Assert.Single(items.Records());
        Assert.Contains("the rest of the file is not read", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void QuotedInputIsCapped()
    {
        var lines = string.Concat(Enumerable.Range(2, 40).Select(i => Record(i) + "\n"));

        var error = Assert.Single(ReadAll($"{Record(1)}\nnot json\n{lines}").Errors());

        Assert.True(error.Reason!.Length < 250, error.Reason);
        Assert.DoesNotContain("\n", error.Reason);
    }

    [Fact]
    public void ReaderWordingIsTranslated()
    {
        var error = Assert.Single(ReadAll("[{\"a\":1},]").Errors());

        Assert.DoesNotContain("reader options", error.Reason);
        Assert.Contains("trailing comma", error.Reason);
    }

    [Fact]
    public void ControlCharacterMessageIsPlain()
    {
        var error = Assert.Single(ReadAll("{\"a\":\"x\u0001\"}").Errors());

        Assert.Contains("invalid character '0x01' inside a string", error.Reason);
    }
}
