using System.Text;
using Vigil.Hunt;

namespace Vigil.Tests.Hunt;

public class RecordLiteralsTests
{
    private static bool MayContain(string json, params string[] literals) =>
        new RecordLiterals(literals).MayContain(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"userName":"BedrockAPIKey-1"}""")]
    [InlineData("""{"userName":"x","note":"BedrockAPIKey-"}""")]
    [InlineData("""{"BedrockAPIKey-":1}""")]
    public void RecordWithLiteralPasses(string json)
    {
        Assert.True(MayContain(json, "BedrockAPIKey-"));
    }

    [Theory]
    [InlineData("""{"userName":"alice"}""")]
    [InlineData("""{"userName":"BedrockAPIKey"}""")]
    [InlineData("""{"userName":"bedrockapikey-1"}""")]
    [InlineData("""{"userName":"Bedrock APIKey-1"}""")]
    public void RecordWithoutLiteralFails(string json)
    {
        Assert.False(MayContain(json, "BedrockAPIKey-"));
    }

    [Fact]
    public void AnyAlternativePasses()
    {
        Assert.True(MayContain("""{"userName":"bob"}""", "alice", "bob"));
    }

    [Theory]
    [InlineData("""{"userName":"\u0042edrockAPIKey-1"}""")]
    [InlineData("""{"userName":"Bedrock\u0041PIKey-1"}""")]
    [InlineData("""{"userName":"BedrockAPIKey\u002d1"}""")]
    [InlineData("""{"userName":"BedrockAPIKey\u002D1"}""")]
    public void EscapedLiteralCharacterPasses(string json)
    {
        Assert.True(MayContain(json, "BedrockAPIKey-"));
    }

    [Theory]
    [InlineData("""{"p":"{\"a\":\"b\"}","n":"\n\t\r\b\f"}""")]
    [InlineData("""{"path":"a\/b","s":"a\\b"}""")]
    [InlineData("""{"userName":"\u0078\u00e9"}""")]
    public void EscapeOfOtherCharacterFails(string json)
    {
        Assert.False(MayContain(json, "BedrockAPIKey-"));
    }

    [Theory]
    [InlineData("""{"arn":"a\/b"}""", "a/b")]
    [InlineData("""{"policy":"{\"Effect\":1}"}""", "\"Effect\"")]
    [InlineData("""{"text":"a\\b"}""", "a\\b")]
    [InlineData("""{"text":"line\nbreak"}""", "e\nb")]
    [InlineData("""{"text":"tab\tbed"}""", "\t")]
    public void ShortEscapeOfLiteralCharacterPasses(string json, string literal)
    {
        Assert.True(MayContain(json, literal));
    }

    [Theory]
    [InlineData("""{"userName":"\u00e9lodie"}""")]
    [InlineData("""{"userName":"\ud83d\ude00"}""")]
    public void NonAsciiEscapePassesForNonAsciiLiteral(string json)
    {
        Assert.True(MayContain(json, "\u00e9lodie"));
    }

    [Fact]
    public void EscapedBackslashFails()
    {
        Assert.False(MayContain("""{"text":"\\u0042edrockAPIKey-"}""", "BedrockAPIKey-"));
    }

    [Theory]
    [InlineData("""{"text":"\u00"}""")]
    [InlineData("""{"text":"\x"}""")]
    [InlineData("""{"text":"\u12""")]
    [InlineData("""\""")]
    public void InvalidEscapePasses(string json)
    {
        Assert.True(MayContain(json, "BedrockAPIKey-"));
    }
}
