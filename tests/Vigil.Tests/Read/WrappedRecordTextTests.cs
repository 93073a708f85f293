using System.Text;
using Vigil.Read;

namespace Vigil.Tests.Read;

/// <summary>
/// A hunt scans the record of a plain log event or lookup-events entry unescaped, and leaves every
/// other object to the parser, which reports it.
/// </summary>
public class WrappedRecordTextTests
{
    private const string Record = """{"eventName":"AssumeRole","eventTime":"2026-12-01T10:00:00Z","note":"a \"quoted\" caf\u00e9"}""";

    private static readonly string Message = System.Text.Json.JsonSerializer.Serialize(Record);

    // The record as a JSON string with only quotes and backslashes escaped.
    private static readonly string PlainMessage = "\"" + Record.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [Theory]
    [InlineData("""{"id":"1","timestamp":1,"message":MESSAGE}""")]
    [InlineData("""  {"message":MESSAGE , "id" : null}  """)]
    [InlineData("""{"EventId":"x","CloudTrailEvent":MESSAGE,"message":"not this one"}""")]
    [InlineData("""{"message":"not this one","CloudTrailEvent":MESSAGE}""")]
    public void PlainWrapper_RecordUnescaped(string wrapper)
    {
        var unwrapped = new WrappedRecordText().TryUnwrap(Bytes(wrapper), null, out var record);

        Assert.True(unwrapped);
        Assert.Equal(Record, Encoding.UTF8.GetString(record));
    }

    [Theory]
    [InlineData("""{"id":"1","message":MESSAGE,"message":"x"}""")]
    [InlineData("""{"id":"1","m\u0065ssage":MESSAGE}""")]
    [InlineData("""{"id":{"n":1},"message":MESSAGE}""")]
    [InlineData("""{"id":[1],"message":MESSAGE}""")]
    [InlineData("""{"message":42}""")]
    [InlineData("""{"CloudTrailEvent":null,"message":MESSAGE}""")]
    [InlineData("""{"id":"1"}""")]
    [InlineData("""{"eventName":"AssumeRole","message":MESSAGE}""")]
    [InlineData("""{"messageType":"DATA_MESSAGE","message":MESSAGE}""")]
    [InlineData("""{"detail":"x","message":MESSAGE}""")]
    [InlineData("""{"message":MESSAGE} {}""")]
    [InlineData("""{"message":MESSAGE""")]
    [InlineData("""{"message":"\ud800"}""")]
    [InlineData("""[MESSAGE]""")]
    public void OtherObject_LeftToTheParser(string wrapper)
    {
        var unwrapped = new WrappedRecordText().TryUnwrap(Bytes(wrapper), null, out _);

        Assert.False(unwrapped);
    }

    [Theory]
    [InlineData("""{"id":"1","message":MESSAGE}""", "message", true)]
    [InlineData("""{"EventId":"x","CloudTrailEvent":MESSAGE}""", "CloudTrailEvent", true)]
    [InlineData("""{"EventId":"x","CloudTrailEvent":MESSAGE}""", "message", false)]
    [InlineData("""{"id":"1","message":MESSAGE}""", "CloudTrailEvent", false)]
    [InlineData("""{"CloudTrailEvent":MESSAGE,"message":"x"}""", "message", true)]
    public void RequiredField_MustBeThere(string wrapper, string field, bool expected)
    {
        var unwrapped = new WrappedRecordText().TryUnwrap(Bytes(wrapper), field, out _);

        Assert.Equal(expected, unwrapped);
    }

    [Fact]
    public void InvalidUtf8_LeftToTheParser()
    {
        byte[] wrapper = [.. "{\"message\":\"x"u8, 0xFF, .. "\"}"u8];

        var unwrapped = new WrappedRecordText().TryUnwrap(wrapper, null, out _);

        Assert.False(unwrapped);
    }

    [Fact]
    public void ManyKeys_LeftToTheParser()
    {
        var keys = string.Concat(Enumerable.Range(0, 20).Select(i => $"\"k{i}\":{i},"));

        var unwrapped = new WrappedRecordText().TryUnwrap(Bytes("{" + keys + "\"message\":MESSAGE}"), null, out _);

        Assert.False(unwrapped);
    }

    [Theory]
    [InlineData("""{"id":"1","timestamp":1,"message":MESSAGE}""")]
    [InlineData("""{ "EventId" : "x" , "CloudTrailEvent" : MESSAGE , "ReadOnly" : "true" }""")]
    [InlineData("""{"id":"3","timestamp":-1.5e+3,"flag":true,"none":null,"message":MESSAGE}""")]
    public void PlainWrapper_NeedsNoReader(string wrapper)
    {
        var unwrapper = new WrappedRecordText();

        Assert.True(unwrapper.TryUnwrap(PlainBytes(wrapper), null, out var record));
        Assert.Equal(Record, Encoding.UTF8.GetString(record));
        Assert.Equal(0, unwrapper.ReaderReads);
    }

    [Fact]
    public void Lexer_DamagedWrappers_MatchReader()
    {
        var samples = new[]
        {
            """{"id":"1","timestamp":1700000000000,"message":MESSAGE}""",
            """{"EventId":"e","EventName":"AssumeRole","ReadOnly":"false","CloudTrailEvent":MESSAGE,"flag":false,"n":null}""",
            """ {"message" : MESSAGE , "id":"x\/y\n"} """,
        };
        var random = new Random(20261208);
        var replacements = "{}[]\",:\\ /nu0e1.-tx\n\u0001\u00e9";
        var lexed = new WrappedRecordText();
        var read = new WrappedRecordText { ReaderOnly = true };
        for (var iteration = 0; iteration < 20000; iteration++)
        {
            var bytes = PlainBytes(samples[iteration % samples.Length]);
            for (var edit = random.Next(0, 4); edit > 0; edit--)
            {
                var replacement = Encoding.UTF8.GetBytes(replacements[random.Next(replacements.Length)].ToString());
                var at = random.Next(bytes.Length);
                bytes = [.. bytes[..at], .. replacement, .. bytes[(at + random.Next(0, 2))..]];
            }

            foreach (var field in new[] { null, "message", "CloudTrailEvent" })
            {
                var expected = read.TryUnwrap(bytes, field, out var expectedRecord) ? Encoding.UTF8.GetString(expectedRecord) : null;
                var actual = lexed.TryUnwrap(bytes, field, out var actualRecord) ? Encoding.UTF8.GetString(actualRecord) : null;

                Assert.Equal(expected, actual);
            }
        }

        Assert.True(lexed.ReaderReads < 3 * 20000 * 3 / 4, $"the lexer declined {lexed.ReaderReads} of {3 * 20000} reads");
    }

    private static byte[] PlainBytes(string wrapper) => Encoding.UTF8.GetBytes(wrapper.Replace("MESSAGE", PlainMessage, StringComparison.Ordinal));

    private static byte[] Bytes(string wrapper) => Encoding.UTF8.GetBytes(wrapper.Replace("MESSAGE", Message, StringComparison.Ordinal));
}
