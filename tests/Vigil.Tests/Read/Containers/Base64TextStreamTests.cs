using System.Text;
using CsCheck;
using Vigil.Read;

namespace Vigil.Tests.Read.Containers;

public class Base64TextStreamTests
{
    // Reads of fewer than three bytes take the decoder's one-group path, longer ones its run path.
    private static readonly int[] ReadSizes = [1, 2, 3, 4, 5, 7, 9, 64, 4096];

    [Fact]
    public void RandomPayloads_DecodeLikeConvert()
    {
        var payloads = Gen.Byte.Array[0, 300].Array[1, 5];
        var layout = Gen.Select(Gen.Int[0, 3], Gen.Int[0, ReadSizes.Length - 1].Select(i => ReadSizes[i]));

        Gen.Select(payloads, layout).Sample(sample =>
        {
            var (chunks, (spacing, readSize)) = sample;
            var text = string.Join(Separator(spacing), chunks.Select(Convert.ToBase64String));
            var spaced = spacing == 3 ? Wrap(text, 7) : text;

            var (bytes, failure) = Decode(spaced, readSize);

            Assert.Equal(chunks.SelectMany(chunk => chunk).ToArray(), bytes);
            Assert.Null(failure);
        });
    }

    [Theory]
    [InlineData("QUJD\n!REVG", 2, 1, "'!' is not a base64 character")]
    [InlineData("QUJD\nQU=J", 2, 4, "'J' comes after the padding '=' inside one group of four characters")]
    [InlineData("QUJDQ===", 1, 6, "'=' comes after only 1 of a group's four characters")]
    [InlineData("QUJD\r\n\tQ\u00e9", 2, 3, "byte 0xC3 is not a base64 character")]
    public void InvalidText_NamesLineAndColumn(string text, int line, int column, string problem)
    {
        var (bytes, failure) = Decode(text, 64);

        Assert.Equal("ABC"u8.ToArray(), bytes);
        Assert.Equal($"invalid base64 text at line {line}, column {column}: {problem}", failure);
    }

    [Theory]
    [InlineData("QUJD\rQUJD\r!", 3)]
    [InlineData("QUJD\r\nQUJD\r\n!", 3)]
    [InlineData("QUJD\n\rQUJD\r!", 4)]
    [InlineData("QUJD\rQU\nJD\r\n!", 4)]
    public void CarriageReturns_EndLines(string text, int line)
    {
        var (bytes, failure) = Decode(text, 64);

        Assert.Equal("ABCABC"u8.ToArray(), bytes);
        Assert.Equal($"invalid base64 text at line {line}, column 1: '!' is not a base64 character", failure);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4096)]
    public void ErrorAfterLongRun_NamesColumn(int readSize)
    {
        var (bytes, failure) = Decode("  QUJDREVGQUJD!", readSize);

        Assert.Equal("ABCDEFABC"u8.ToArray(), bytes);
        Assert.Equal("invalid base64 text at line 1, column 15: '!' is not a base64 character", failure);
    }

    [Fact]
    public void TruncatedGroup_EndsWithFailure()
    {
        var (bytes, failure) = Decode("QUJD\nQUI", 64);

        Assert.Equal("ABC"u8.ToArray(), bytes);
        Assert.Equal("invalid base64 text: it ends at line 2 inside a group of four characters, so the payload is truncated", failure);
    }

    [Fact]
    public void WhitespaceOnly_IsEmpty()
    {
        var (bytes, failure) = Decode(" \n\r\n\t", 3);

        Assert.Empty(bytes);
        Assert.Null(failure);
    }

    private static string Separator(int spacing) => spacing switch
    {
        0 => "",
        1 => "\n",
        _ => "\r\n  ",
    };

    private static string Wrap(string text, int width) =>
        string.Join("\n", text.Chunk(width).Select(chunk => new string(chunk)));

    private static (byte[] Bytes, string? Failure) Decode(string text, int readSize)
    {
        using var stream = new Base64TextStream(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return (output.ToArray(), stream.Failure);
    }
}
