using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>An array element without a closing bracket costs that element only: reading resumes at the next one.</summary>
public class MissingBraceTests
{
    [Fact]
    public void OneLineEnvelopeResumesAtNextRecord()
    {
        var items = ReadAll(OneLine(Records(5, Record(5)[..^1])) + "\n");

        Assert.Equal(9, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Contains("record 5 is left out (counted as an error)", error.Reason);
        Assert.Equal("record 6", items.Records()[4].Location);
    }

    [Fact]
    public void IndentedEnvelopeResumesAtNextRecord()
    {
        var text = "{\n  \"Records\": [\n    " + string.Join(",\n    ", Records(5, Record(5)[..^1])) + "\n  ]\n}\n";

        var items = ReadAll(text);

        Assert.Equal(9, items.Records().Count);
        Assert.Single(items.Errors());
    }

    [Fact]
    public void NestedObjectWithoutBraceCostsOneRecord()
    {
        var items = ReadAll(OneLine(Records(5, Record(5, ",\"requestParameters\":{\"roleArn\":\"r\""))));

        Assert.Equal(9, items.Records().Count);
        Assert.Contains("record 5 is left out", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void LastRecordWithoutBraceNamesUnreadBytes()
    {
        var text = OneLine(Records(10, Record(10)[..^1]));

        var items = ReadAll(text);

        Assert.Equal(9, items.Records().Count);
        var error = Assert.Single(items.Errors());
        var start = text.IndexOf(Record(10)[..^1], StringComparison.Ordinal);
        Assert.Contains($"the rest of the file, {text.Length - start} bytes from byte {start}, is not read", error.Reason);
    }

    [Fact]
    public void EnvelopePastRecordLimitResumes()
    {
        var records = Enumerable.Range(1, 200).Select(i => i == 5 ? Record(5)[..^1] : Record(i));

        var items = ReadWithin("{\"Records\":[" + string.Join(",", records) + "]}", maxBytes: 4096);

        Assert.Equal(199, items.Records().Count);
        Assert.Contains("record 5 is left out", Assert.Single(items.Errors()).Reason);
    }

    [Fact]
    public void RepeatedFragmentsAreEachCounted()
    {
        const int fragments = 50_000;
        var text = "{\"Records\":[" + string.Concat(Enumerable.Repeat("{\"a\":1,", fragments)) + "]}";

        var items = ReadAll(text);

        Assert.Equal(fragments, items.Errors().Count);
        Assert.Empty(items.Records());
    }

    /// <summary>Records 1 to 10, with <paramref name="replacement"/> in place of record <paramref name="damaged"/>.</summary>
    private static List<string> Records(int damaged, string replacement) =>
        [.. Enumerable.Range(1, 10).Select(i => i == damaged ? replacement : Record(i))];

    private static string OneLine(List<string> records) => "{\"Records\":[" + string.Join(",", records) + "]}";
}
