using System.Text;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>A record read raw, whose location is formatted on first read, is named as a parsed one is.</summary>
public class RawLocationTests
{
    public static TheoryData<string> Layouts() => new()
    {
        // One-line delivery object: "record N".
        $$"""{"Records":[{{Record(1)}},{{Record(2)}},{{Record(3)}}]}""",

        // Indented delivery object: "line L, record N".
        $"{{\"Records\":[\n  {Record(1)},\n  {Record(2)}\n]}}",

        // NDJSON: "line L".
        $"{Record(1)}\n{Record(2)}\n\n{Record(3)}\n",

        // Bare array over several lines.
        $"[\n{Record(1)},\n{Record(2)}]",
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RawMatchesParsed(string text)
    {
        var parsed = ReadAll(text).Records().Select(item => item.Location).ToList();
        var raw = new List<string>();
        var cursor = new RawRecordCursor();
        foreach (var item in new CloudTrailReader().ReadFileRaw(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.json", cursor))
        {
            if (item.Outcome == ReadOutcome.Record)
            {
                raw.Add(item.Location);
            }
        }

        Assert.NotEmpty(parsed);
        Assert.Equal(parsed, raw);
    }

    [Fact]
    public void IndentedErrorNamesRecordLine()
    {
        // Record 3 of an indented delivery object starts on line 4 and is broken there.
        var text = $"{{\"Records\": [\n  {Record(1)},\n  {Record(2)},\n  {{\"eventName\": x}},\n  {Record(4)}\n]}}";

        var error = Assert.Single(ReadAll(text).Errors());

        Assert.StartsWith("line 4, record 3, byte ", error.Location, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "record", 4, "record 4")]
    [InlineData(12, null, 0, "line 12")]
    [InlineData(3, "log event", 2, "line 3, log event 2")]
    public void PlaceFormats(long line, string? noun, long index, string expected)
    {
        Assert.Equal(expected, new ItemPlace(line, noun, index).Describe());
    }

    [Fact]
    public void LazyEqualsFormatted()
    {
        var lazy = new ReadItem("a.json", ItemPlace.OfRecord(7));
        var formatted = new ReadItem(ReadOutcome.Record, "a.json", "record 7", null, null);

        Assert.Equal(formatted, lazy);
        Assert.Equal(formatted.GetHashCode(), lazy.GetHashCode());
        Assert.NotEqual(formatted, lazy with { Location = "record 8" });
    }
}
