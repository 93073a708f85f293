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
    public void InvalidExportLineSkipped()
    {
        using var folder = new TempDirectory();
        var (bytes, at) = ExportWithInvalidSecondRule(byteOrderMark: false);
        var path = Write(folder, "export.ndjson", bytes);

        var result = RuleLoader.LoadPaths([path]);

        Assert.Equal(["r-1", "r-3"], result.Rules.Select(rule => rule.RuleId));
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(at - Array.IndexOf(bytes, (byte)'\n'), error.Column);
        Assert.Contains($"byte 0xE9 at byte offset {at} is not part of a UTF-8 character", error.Message, StringComparison.Ordinal);
        Assert.Contains("save the file as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidExportLineAfterByteOrderMark()
    {
        using var folder = new TempDirectory();
        var (bytes, at) = ExportWithInvalidSecondRule(byteOrderMark: true);
        var path = Write(folder, "export.ndjson", bytes);

        var result = RuleLoader.LoadPaths([path]);

        Assert.Equal(["r-1", "r-3"], result.Rules.Select(rule => rule.RuleId));
        Assert.Contains($"byte offset {at} ", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidPrettyJsonFailsWhole()
    {
        using var folder = new TempDirectory();
        var json = KibanaRuleJson.Write(RuleLoader.ParseToml(Rule, null)).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var path = Write(folder, "rule.json", Encoding.Latin1.GetBytes(json.Replace("\\u00E9", "\u00e9", StringComparison.Ordinal)));

        var result = RuleLoader.LoadPaths([path]);

        Assert.Empty(result.Rules);
        Assert.Contains("the rule file is not valid UTF-8", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
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

    /// <summary>
    /// Returns an export of rules r-1, r-2 and r-3 whose second rule's name has the Latin-1 byte
    /// 0xE9, and that byte's offset in the file.
    /// </summary>
    private static (byte[] Bytes, int At) ExportWithInvalidSecondRule(bool byteOrderMark)
    {
        var rules = Enumerable.Range(1, 3).Select(n => RuleLoader.ParseToml(Rule.Replace("00000000-0000-4000-8000-000000000031", $"r-{n}", StringComparison.Ordinal), null));
        var text = KibanaNdjson.Write(rules);
        var second = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        var name = text.IndexOf("Caf\\u00E9", second, StringComparison.Ordinal);
        byte[] preamble = byteOrderMark ? Encoding.UTF8.Preamble.ToArray() : [];
        var bytes = (byte[])[.. preamble, .. Encoding.UTF8.GetBytes(text[..name]), .. "Caf"u8, 0xE9, .. Encoding.UTF8.GetBytes(text[(name + "Caf\\u00E9".Length)..])];
        return (bytes, preamble.Length + Encoding.UTF8.GetByteCount(text[..name]) + 3);
    }

    private static string Write(TempDirectory folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
