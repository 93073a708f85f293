using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>
/// Framing by structure alone: where it ends a value. A reader that frames this way and checks the
/// syntax afterwards gives the same items as one that frames with the JSON reader, on valid and
/// damaged files.
/// </summary>
public partial class StructuralFramingTests
{
    [Theory]
    [InlineData("""{}""", 2)]
    [InlineData("""{"a":{"b":[1,{"c":2}]}} tail""", 23)]
    [InlineData("""{"a":"}{]["} ,""", 12)]
    [InlineData("""{"a":"x\"}"} ,""", 12)]
    [InlineData("""{"a":"x\\"} ,""", 11)]
    [InlineData("""{"a":"x\\\"}"} ,""", 14)]
    [InlineData("""[1,[2],{"a":[]}],""", 16)]
    public void ValueLength_EndsAtTheClosingBracket(string json, int expected)
    {
        Assert.Equal(expected, StructuralFraming.ValueLength(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{\"a\":1}\n,", false)]
    [InlineData("{\"a\":\n1},", true)]
    [InlineData("{\"a\":\"x\",\"b\":\"PAD\"}\n,", false)]
    [InlineData("{\"a\":\"x\",\"b\":\"PAD\"\n}\n,", true)]
    public void ValueLength_ReportsLineFeedInside(string json, bool expected)
    {
        // PAD puts the end near a 64-byte boundary and into the second block.
        foreach (var pad in new[] { 40, 50, 51, 52, 60, 120 })
        {
            var length = StructuralFraming.ValueLength(Encoding.UTF8.GetBytes(json.Replace("PAD", new string('p', pad), StringComparison.Ordinal)), out var hasNewline);

            Assert.True(length > 0);
            Assert.Equal(expected, hasNewline);
        }
    }

    [Theory]
    [InlineData("""{"a":1""")]
    [InlineData("""{"a":"}""")]
    [InlineData("""{"a":"x\"}""")]
    public void ValueLength_UnclosedIsIncomplete(string json)
    {
        Assert.Equal(StructuralFraming.Incomplete, StructuralFraming.ValueLength(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void ValueLength_BackslashOutsideAStringIsDeclined()
    {
        Assert.Equal(StructuralFraming.Declined, StructuralFraming.ValueLength("""{"a":1\"b":"}"}"""u8));
    }

    [Fact]
    public void ValueLength_ReaderDepthLimitDeclined()
    {
        var deep = new string('[', JsonTokenCursor.MaxDepth) + new string(']', JsonTokenCursor.MaxDepth);

        Assert.Equal(StructuralFraming.Declined, StructuralFraming.ValueLength(Encoding.UTF8.GetBytes(deep)));
    }

    [Fact]
    public void ValueLength_EscapesAcrossBlockBoundaries()
    {
        // Strings whose backslashes and quotes fall on every position around the 64-byte boundaries.
        for (var pad = 0; pad < 130; pad++)
        {
            var json = $$"""{"p":"{{new string('a', pad)}}\\\"}\\","q":[{"r":"\\\\"}]}""";

            Assert.Equal(json.Length, StructuralFraming.ValueLength(Encoding.UTF8.GetBytes(json + ",")));
        }
    }

    [Fact]
    public void Masks_BothVectorWidthsAgree()
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, "this processor has no 512-bit vectors");
        var random = new Random(7);
        var block = new byte[64];
        for (var i = 0; i < 2000; i++)
        {
            for (var j = 0; j < block.Length; j++)
            {
                block[j] = (byte)"\"\\{}[]a:, \u00ff"[random.Next(11)];
            }

            Assert.Equal(StructuralFraming.Masks.Of256(block), StructuralFraming.Masks.Of512(block));
        }
    }

    [Fact]
    public void Reader_ValidFile_SameItems()
    {
        var records = Enumerable.Range(1, 300).Select(i => Record(i, ",\"x\":\"" + string.Concat(Enumerable.Repeat("\\\\", i % 5)) + "\""));
        var text = "{\"Records\":[" + string.Join(",\n ", records) + "]}";

        Assert.Equal(Framed(text, structural: false), Framed(text, structural: true));
    }

    [Theory]
    [InlineData("envelope")]
    [InlineData("ndjson")]
    public void Reader_LargeFileDamaged_SameItems(string layout)
    {
        // About 400 KB, so elements run past the reader's 64 KiB window, where structural framing
        // fills the window and frames the element again.
        var records = Enumerable.Range(1, 900).Select(i => Record(i, ",\"pad\":\"" + new string('p', i * 7 % 500) + "\""));
        var sample = layout == "envelope" ? "{\"Records\":[" + string.Join(",", records) + "]}" : string.Join("\n", records) + "\n";
        var intact = Framed(sample, structural: true);

        Assert.Equal(900, intact.Count(row => row.Outcome == ReadOutcome.Record));
        Assert.Equal(Framed(sample, structural: false), intact);

        var random = new Random(20261208);
        for (var iteration = 0; iteration < 150; iteration++)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            bytes[random.Next(bytes.Length)] = (byte)"{}[]\",:\\ x0t\n"[random.Next(13)];
            var text = Encoding.UTF8.GetString(bytes);

            Assert.Equal(Framed(text, structural: false), Framed(text, structural: true));
        }
    }

    [Fact]
    public void Reader_InvalidBalancedElement_SameError()
    {
        var text = $$$"""{"Records":[{{{Record(1)}}}, {"eventName":tru,"a":{}} ,{{{Record(3)}}}]}""";

        var exact = Framed(text, structural: false);

        Assert.Equal(exact, Framed(text, structural: true));
        Assert.Contains(exact, item => item.Reason.Contains("record 2 is left out (counted as an error) and reading continues at byte", StringComparison.Ordinal));
    }

    [Fact]
    public void Reader_DamagedFiles_SameItems()
    {
        var sample = $$"""{"Records":[{{Record(1)}},{{Record(2, ",\"requestParameters\":{\"a\":[1,\"\\\"}\",{\"b\":null}]}")}},{{Record(3)}},{{Record(4)}}]}""";

        AssertSameItemsWhenDamaged(sample, new Random(20261205), "{}[]\",:\\ x0t");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\n\n  \n")]
    public void Reader_DamagedNdjson_SameItems(string newline)
    {
        var lines = new[] { Record(1), Record(2, ",\"requestParameters\":{\"a\":[1,\"\\\"}\",{\"b\":null}]}"), Record(3), "[" + Record(4) + "]", Record(5) };

        AssertSameItemsWhenDamaged(string.Join(newline, lines) + newline, new Random(20261206), "{}[]\",:\\ x0t\n");
    }

    [Theory]
    [InlineData("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[ELEMENTS]}", "message")]
    [InlineData("{\"events\":[ELEMENTS]}", "message")]
    [InlineData("{\"Events\":[ELEMENTS]}", "CloudTrailEvent")]
    [InlineData("{\"Records\":[ELEMENTS]}", "wrapped")]
    public void Reader_DamagedWrapperArrays_SameItems(string wrapper, string field)
    {
        // Elements with and without the wrapper's field, and one that is a plain record.
        var elements = new[]
        {
            $"{{\"id\":\"1\",\"{field}\":{JsonSerializer.Serialize(Record(1))}}}",
            $"{{\"id\":\"2\",\"other\":{JsonSerializer.Serialize(Record(2))}}}",
            Record(3),
            $"{{\"{field}\":{JsonSerializer.Serialize(Record(4))},\"n\":[1,{{\"b\":null}}]}}",
        };
        var sample = wrapper.Replace("ELEMENTS", string.Join(",\n  ", elements), StringComparison.Ordinal);

        Assert.Equal(Framed(sample, structural: false), Framed(sample, structural: true));
        Assert.Equal(!wrapper.Contains("Records", StringComparison.Ordinal), Framed(sample, structural: true).Any(row => row.Reason.StartsWith($"missing {field}:", StringComparison.Ordinal)));
        AssertSameItemsWhenDamaged(sample, new Random(20261207), "{}[]\",:\\ x0t\n");
    }

    [Fact]
    public void Reader_WrapperElements_FramedByStructure()
    {
        var text = $"{{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{{\"message\":{JsonSerializer.Serialize(Record(1))}}},{{\"id\":\"2\"}}]}}";
        using var reader = new RecordStreamReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.json", rawRecords: true, structuralFraming: true);

        var wrappers = new List<EventWrapper?>();
        while (reader.Next() is { Outcome: ReadOutcome.Record })
        {
            wrappers.Add(Assert.NotNull(reader.RawRecordUnvalidated).Wrapper);
        }

        Assert.Equal([EventWrapper.SubscriptionLogEvents, EventWrapper.SubscriptionLogEvents], wrappers);
    }

    [Theory]
    [InlineData("{\"Records\":[ELEMENTS]}")]
    [InlineData("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[ELEMENTS]}")]
    public void Reader_LineFeedInsideElement_OnlyThatRecordLost(string envelope)
    {
        // A raw line feed inside a string of a one-line envelope, and no value at the next line's start.
        var damaged = Record(2).Replace("AssumeRole", "Assume\nRole", StringComparison.Ordinal);
        string[] elements = envelope.Contains("logEvents", StringComparison.Ordinal)
            ? [.. new[] { Record(1), damaged, Record(3) }.Select(record => $"{{\"message\":{JsonSerializer.Serialize(record)}}}")]
            : [Record(1), damaged, Record(3)];
        if (envelope.Contains("logEvents", StringComparison.Ordinal))
        {
            elements[1] = elements[1].Replace("Assume\\nRole", "Assume\nRole", StringComparison.Ordinal);
        }

        var text = envelope.Replace("ELEMENTS", string.Join(',', elements), StringComparison.Ordinal) + "\n";

        foreach (var structural in new[] { false, true })
        {
            var rows = Framed(text, structural);

            Assert.Equal(2, rows.Count(row => row.Outcome == ReadOutcome.Record));
            var error = Assert.Single(rows, row => row.Outcome == ReadOutcome.Error);
            Assert.Contains("record 2 is left out (counted as an error) and reading continues at byte", error.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70_000)]
    public void Reader_LineCutInsideElement_NextLineRead(int blankLines)
    {
        // The line ends inside record 2, and after blank lines, more than the reader looks through
        // before it consumes them, the next line starts a record of its own.
        var line = $"{{\"Records\":[{Record(1)},{Record(2)}]}}";
        var text = line[..(line.Length - 30)] + "\n" + new string('\n', blankLines) + Record(3) + "\n";

        foreach (var structural in new[] { false, true })
        {
            var rows = Framed(text, structural);

            Assert.Equal(2, rows.Count(row => row.Outcome == ReadOutcome.Record));
            Assert.EndsWith($"reading continues at line {blankLines + 2}", Assert.Single(rows, row => row.Outcome == ReadOutcome.Error).Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("", 2)]
    [InlineData("\n\n", 4)]
    public void Reader_LineCutAfterComma_NextEnvelopeRead(string between, int nextLine)
    {
        // The first line ends just after a comma, which is valid JSON up to the next line's value.
        // That value is a delivery object, so it starts a line of its own and its records are kept.
        var text = $"{{\"Records\":[{Record(1)},{Record(2)},\n{between}{{ \"Records\":[{Record(3)},{Record(4)}]}}\n";

        foreach (var structural in new[] { false, true })
        {
            var rows = Framed(text, structural);

            Assert.Equal(4, rows.Count(row => row.Outcome == ReadOutcome.Record));
            var error = Assert.Single(rows, row => row.Outcome == ReadOutcome.Error);
            Assert.StartsWith("line 1", error.Location, StringComparison.Ordinal);
            Assert.EndsWith($"reading continues at line {nextLine}", error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reader_SecondRecordsArray_ReadByBothFramings()
    {
        var text = $"{{\"Records\":[{Record(1)}],\"Records\":[{Record(2)},{Record(3)}]}}\n";

        Assert.Equal(Framed(text, structural: false), Framed(text, structural: true));
        Assert.Equal(3, Framed(text, structural: true).Count(row => row.Outcome == ReadOutcome.Record));
    }

    [Fact]
    public void Reader_RecordPerLineEnvelope_ReadWhole()
    {
        // Valid JSON whose records start their lines: each is an element of the first line's array.
        var text = $"{{\"Records\":[{Record(1)},\n{Record(2)},\n{Record(3)}]}}\n";

        foreach (var structural in new[] { false, true })
        {
            var rows = Framed(text, structural);

            Assert.Equal(3, rows.Count(row => row.Outcome == ReadOutcome.Record));
            Assert.DoesNotContain(rows, row => row.Outcome != ReadOutcome.Record);
        }
    }

    [Fact]
    public void Reader_NdjsonLines_FramedByStructure()
    {
        var text = $"{Record(1)}\n{Record(2)}\n";
        using var reader = new RecordStreamReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.json", rawRecords: true, structuralFraming: true);

        var lines = new List<long>();
        while (reader.Next() is { Outcome: ReadOutcome.Record })
        {
            lines.Add(Assert.NotNull(reader.RawRecordUnvalidated).Line);
        }

        Assert.Equal([1L, 2L], lines);
    }

    [Fact]
    public void Reader_InvalidNdjsonLine_SameError()
    {
        var text = $"{Record(1)}\n{{\"eventName\":tru,\"a\":{{}}}}\n\n{Record(3)}\n{{\"eventName\":\"X\",\"b\":1 2}}";

        var exact = Framed(text, structural: false);

        Assert.Equal(exact, Framed(text, structural: true));
        Assert.Contains(exact, item => item.Reason.EndsWith("reading continues at line 4", StringComparison.Ordinal));
        Assert.Contains(exact, item => item.Reason.EndsWith("it is the last line of the file", StringComparison.Ordinal));
    }

    /// <summary>
    /// Overwrites one to three random bytes of <paramref name="sample"/> with bytes from
    /// <paramref name="replacements"/>, 3,000 times, and compares both framings of each result.
    /// </summary>
    private static void AssertSameItemsWhenDamaged(string sample, Random random, string replacements)
    {
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            var bytes = Encoding.UTF8.GetBytes(sample);
            for (var edit = random.Next(1, 4); edit > 0; edit--)
            {
                bytes[random.Next(bytes.Length)] = (byte)replacements[random.Next(replacements.Length)];
            }

            var text = Encoding.UTF8.GetString(bytes);

            Assert.Equal(Framed(text, structural: false), Framed(text, structural: true));
        }
    }

    /// <summary>
    /// Reads <paramref name="text"/> into (outcome, location, reason, record) rows, checking the
    /// syntax of structurally framed elements as a hunt does.
    /// </summary>
    private static List<Row> Framed(string text, bool structural)
    {
        using var reader = new RecordStreamReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.json", rawRecords: true, structuralFraming: structural);
        var rows = new List<Row>();
        while (reader.Next() is { } item)
        {
            var items = item.Outcome != ReadOutcome.Record
                ? [item]
                : reader.RawRecordUnvalidated is { } element && ElementSyntax.Check(reader.RawRecord, reader.AfterRawRecord, "test.json", item.Location, reader.RawRecordOffset, element) is { } invalid
                    ? [invalid]
                    : RecordStreamReader.ParseItems(reader.RawRecord, "test.json", item.Location, reader.RawRecordOffset);
            rows.AddRange(items.Select(i => new Row(i.Outcome, i.Location, Recovered().Replace(i.Reason ?? "", "N recovered"), i.Record?.ToJsonString())));
        }

        return rows;
    }

    private sealed record Row(ReadOutcome Outcome, string Location, string Reason, string? Record);

    // A structurally framed element counts as recovered even when its syntax turns out invalid.
    [GeneratedRegex(@"\d+ records? recovered")]
    private static partial Regex Recovered();
}
