using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

public class ErrorTests
{
    [Fact]
    public void InvalidNdjsonLineContinues()
    {
        var items = ReadAll($"{Record(1)}\n{{\"eventName\": oops}}\n{Record(3)}\n");

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Equal($"line 2, byte {Record(1).Length + 1 + 14}", error.Location);
        Assert.Contains("reading continues at line 3", error.Reason);
    }

    [Fact]
    public void UnclosedNdjsonLine_NamedWhereItStarts()
    {
        var items = ReadAll($"{Record(1)}\n{{\"a\":\n{Record(3)}\n{Record(4)}\n");

        Assert.Equal(3, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Equal($"line 2, byte {Record(1).Length + 1}", error.Location);
        Assert.Contains("found at line 4", error.Reason);
        Assert.EndsWith("reading continues at line 3", error.Reason);
    }

    [Fact]
    public void InvalidLastLineEndsQuietly()
    {
        var items = ReadAll($"{Record(1)}\nnot json\n");

        Assert.Single(items.Records());
        Assert.EndsWith("it is the last line of the file", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void TruncatedNdjsonLineContinues()
    {
        var items = ReadAll($"{Record(1)}\n{{\"eventName\":\"x\",\n{Record(3)}\n");

        Assert.Equal(2, items.Records().Count);
        Assert.Single(items.Errors());
        Assert.Equal("line 3", items[2].Location);
    }

    [Fact]
    public void NonObjectArrayElementContinues()
    {
        var items = ReadAll($$"""{"Records":[{{Record(1)}},"oops",[1],{{Record(4)}}]}""");

        Assert.Equal(2, items.Records().Count);
        Assert.Equal(2, items.Errors().Count);
        Assert.StartsWith("record 2, byte ", items[1].Location);
        Assert.StartsWith("record 3, byte ", items[2].Location);
    }

    [Fact]
    public void NonObjectLineContinues()
    {
        var items = ReadAll($"{Record(1)}\n42\n{Record(3)}\n");

        Assert.Equal(2, items.Records().Count);
        Assert.Equal("line 2, byte " + (Record(1).Length + 1), items.Errors().Single().Location);
    }

    [Fact]
    public void DuplicatePropertyIsAnError()
    {
        var items = ReadAll($"{{\"eventID\":\"a\",\"eventID\":\"b\"}}\n{Record(2)}\n");

        Assert.Single(items.Errors());
        Assert.Single(items.Records());
    }

    [Fact]
    public void BrokenEnvelopeElementIsSkipped()
    {
        var text = $"{{\"Records\":[\n  {Record(1)},\n  {{\"eventName\" \"x\"}},\n  {Record(3)}\n]}}";

        var items = ReadAll(text);

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Contains("record 2 is left out (counted as an error)", error.Reason);
    }

    // The JSON reader fails at a comma the data ends after, one byte before the end, with its own
    // message. A cut there is still a truncated file, as a cut at any other byte is.
    [Theory]
    [InlineData("one record", "")]
    [InlineData("ndjson", "{R1}\n")]
    [InlineData("delivery object", "{\"Records\":[{R1},")]
    [InlineData("array", "[{R1},")]
    [InlineData("trailing blanks", "{R1}\n", " \n")]
    public void CutAfterCommaIsTruncated(string layout, string before, string after = "")
    {
        var record = Record(2);
        var cut = record[..(record.IndexOf(',', StringComparison.Ordinal) + 1)];

        var items = ReadAll(before.Replace("{R1}", Record(1), StringComparison.Ordinal) + cut + after);

        var error = Assert.Single(items.Errors());
        Assert.True(error.Reason!.StartsWith("the data ends inside a JSON value, so the file or its gzip stream is truncated", StringComparison.Ordinal), $"{layout}: {error.Reason}");
    }

    [Fact]
    public void TruncatedGzipEndsFileWithCount()
    {
        var records = string.Join(",", Enumerable.Range(1, 2000).Select(i => Record(i)));
        var gzip = Gzip($$"""{"Records":[{{records}}]}""");

        var items = ReadAll(gzip[..(gzip.Length / 2)]);

        var error = items[^1];
        Assert.Equal(ReadOutcome.Error, error.Outcome);
        Assert.Contains("truncated", error.Reason);
        Assert.Contains($"{items.Records().Count} records recovered", error.Reason);
        Assert.True(items.Records().Count > 100);
    }

    [Fact]
    public void CorruptGzipEndsFile()
    {
        var gzip = Gzip(string.Join("\n", Enumerable.Range(1, 500).Select(i => Record(i))));
        for (var i = 40; i < 60; i++)
        {
            gzip[i] = 0xFF;
        }

        var items = ReadAll(gzip);

        Assert.Equal(ReadOutcome.Error, items[^1].Outcome);
        Assert.Single(items.Errors());
    }

    [Fact]
    public void MissingFileIsAnError()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-missing-" + Guid.NewGuid());

        var item = Assert.Single(new CloudTrailReader().ReadFile(path));

        Assert.Equal(ReadOutcome.Error, item.Outcome);
        Assert.Equal(path, item.File);
        Assert.Contains("not found", item.Reason);
    }
}
