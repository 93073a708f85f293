using System.Text;
using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

/// <summary>Invalid UTF-8 is an error per record, as in Elasticsearch; a lone surrogate escape becomes U+FFFD.</summary>
public class EncodingTests
{
    [Fact]
    public void InvalidUtf8IsRecordError()
    {
        var bytes = Encoding.UTF8.GetBytes($$"""{"Records":[{{Record(1)}},{"eventName":"a#b"},{{Record(3)}}]}""");
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xFF;

        var items = ReadAll(bytes);

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("invalid UTF-8 at offset 15 of the record (byte 0xFF)", error.Reason);
        Assert.StartsWith("record 2, byte ", error.Location);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-16LE")]
    public void Utf16FileIsRead(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var text = $$"""{"Records":[{{Record(1)}},{"eventID":"2","eventName":"café 😀"}]}""";
        var bytes = encodingName == "utf-16" ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

        var items = ReadAll(bytes);

        Assert.Empty(items.Errors());
        Assert.Equal(2, items.Records().Count);
        Assert.Equal("caf\u00e9 \U0001F600", items.Records()[1].Record!["eventName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public void Utf32FileIsRead(bool bigEndian, bool withMark)
    {
        var encoding = new UTF32Encoding(bigEndian, byteOrderMark: true);
        var text = $$"""{"Records":[{{Record(1)}},{"eventID":"2","eventName":"café 😀"}]}""";
        var bytes = withMark ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

        var items = ReadAll(bytes);

        Assert.Empty(items.Errors());
        Assert.Equal(2, items.Records().Count);
        Assert.Equal("caf\u00e9 \U0001F600", items.Records()[1].Record!["eventName"]!.GetValue<string>());
    }

    [Fact]
    public void ByteOrderMarkOfJoinedFileIsSkipped()
    {
        byte[] mark = [0xEF, 0xBB, 0xBF];
        byte[] bytes = [.. mark, .. Encoding.UTF8.GetBytes(Record(1) + "\n"), .. mark, .. Encoding.UTF8.GetBytes(Record(2) + "\n")];

        var items = ReadAll(bytes);

        Assert.Empty(items.Errors());
        Assert.Equal(2, items.Records().Count);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public void Utf16WithoutMarkAfterWhitespaceIsRead(string encodingName)
    {
        var bytes = Encoding.GetEncoding(encodingName).GetBytes($"\r\n  {Record(1)}\n");

        var items = ReadAll(bytes);

        Assert.Empty(items.Errors());
        Assert.Single(items.Records());
    }

    [Theory]
    [InlineData("\\udc00x", "\uFFFDx")]
    [InlineData("x\\ud800", "x\uFFFD")]
    [InlineData("\\ud800\\u0041", "\uFFFDA")]
    [InlineData("\\ud83d\\ude00", "\U0001F600")]
    [InlineData("\\\\udc00", "\\udc00")]
    public void LoneSurrogateBecomesReplacement(string escaped, string expected)
    {
        var item = Assert.Single(ReadAll($$"""{"eventName":"{{escaped}}"}"""));

        Assert.Equal(ReadOutcome.Record, item.Outcome);
        Assert.Equal(expected, item.Record!["eventName"]!.GetValue<string>());
    }

    [Fact]
    public void LoneSurrogateInLogEventMessage()
    {
        var message = """{\"eventName\":\"\\udc00\"}""";

        var item = Assert.Single(ReadAll($$"""{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","message":"{{message}}"}]}"""));

        Assert.Equal("\uFFFD", item.Record!["eventName"]!.GetValue<string>());
    }
}
