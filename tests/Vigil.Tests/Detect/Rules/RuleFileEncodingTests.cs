using System.Text;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

public class RuleFileEncodingTests
{
    private const string Rule = """
        [rule]
        rule_id = "00000000-0000-4000-8000-000000000031"
        name = "Café rule"
        description = "A rule whose name is not ASCII."
        type = "query"
        severity = "low"
        risk_score = 21
        query = "event.provider:sts.amazonaws.com"
        """;

    [Fact]
    public void Latin1TomlNamesByte()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "rule.toml", Encoding.Latin1.GetBytes(Rule));

        var result = RuleLoader.LoadPaths([path]);

        Assert.Empty(result.Rules);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(12, error.Column);
        Assert.Contains($"byte 0xE9 at byte offset {Rule.IndexOf('\u00e9', StringComparison.Ordinal)}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("save the file as UTF-8", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidBytesInExportName()
    {
        using var folder = new TempDirectory();
        var line = KibanaNdjson.Write([RuleLoader.ParseToml(Rule.Replace("Caf\u00e9", "CafXY", StringComparison.Ordinal), null)]);
        var bytes = Encoding.UTF8.GetBytes(line);
        var at = line.IndexOf("CafXY", StringComparison.Ordinal) + 3;
        bytes[at] = 0xE9;
        bytes[at + 1] = 0xFF;
        var path = Write(folder, "export.ndjson", bytes);

        var result = RuleLoader.LoadPaths([path]);

        Assert.Empty(result.Rules);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(at + 1, error.Column);
        Assert.Contains($"byte 0xE9 at byte offset {at}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMarkTakesNoColumn()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "rule.toml", [.. Encoding.UTF8.Preamble, .. Encoding.Latin1.GetBytes(Rule)]);

        var error = Assert.Single(RuleLoader.LoadPaths([path]).Errors);

        Assert.Equal(3, error.Line);
        Assert.Equal(12, error.Column);
        Assert.Contains($"byte offset {Rule.IndexOf('\u00e9', StringComparison.Ordinal) + 3}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8", true)]
    [InlineData("utf-8", false)]
    [InlineData("utf-16", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-32", true)]
    public void UnicodeEncodingsLoad(string encodingName, bool byteOrderMark)
    {
        using var folder = new TempDirectory();
        var encoding = Encoding.GetEncoding(encodingName);
        byte[] preamble = byteOrderMark ? encoding.GetPreamble() : [];
        var path = Write(folder, "rule.toml", [.. preamble, .. encoding.GetBytes(Rule)]);

        var result = RuleLoader.LoadPaths([path]);

        Assert.Empty(result.Errors);
        Assert.Equal("Caf\u00e9 rule", Assert.Single(result.Rules).Name);
    }

    [Theory]
    [InlineData("utf-16", 1, "UTF-16LE")]
    [InlineData("utf-16BE", 0, "UTF-16BE")]
    public void Utf16WithoutByteOrderMarkNamed(string encodingName, int nulOffset, string iconvName)
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "rule.toml", Encoding.GetEncoding(encodingName).GetBytes(Rule));

        var result = RuleLoader.LoadPaths([path]);

        Assert.Empty(result.Rules);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains($"looks like UTF-16 without a byte order mark: byte 0x00 at byte offset {nulOffset}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'iconv -f {iconvName} -t UTF-8'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid TOML", error.Message, StringComparison.Ordinal);
    }

    private static string Write(TempDirectory folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
