using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

/// <summary>The real <c>vigil kql</c> program on hostile or malformed input: clear errors, never a crash.</summary>
public sealed class KqlCliInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-kql-input").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DeeplyNestedQueryIsSyntaxError()
    {
        var query = new string('(', 20_000) + "a:b" + new string(')', 20_000);

        var result = CliRunner.Run("kql", "parse", query);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("query nested too deeply (more than 512 levels)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateMappingKeyNamesFileAndKey()
    {
        var mapping = Write("m.json", """{"message":"text","message":"keyword"}""");

        var result = CliRunner.Run("kql", "dsl", "a:b", "--mapping", mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--mapping {mapping}: duplicate property", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("'message'", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateDocumentKeyExitsTwo()
    {
        var document = Write("d.json", """{"a":"b","a":"c"}""");

        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'a'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EndlessDocumentExitsTwo()
    {
        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", "/dev/zero");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--doc /dev/zero: is larger than 100 MiB", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableDocumentExitsTwo()
    {
        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", "/proc/self/mem");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--doc /proc/self/mem: could not be read", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EndlessMappingSaysMapping()
    {
        var result = CliRunner.Run("kql", "dsl", "a:b", "--mapping", "/dev/zero");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--mapping /dev/zero: is larger than 100 MiB", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("give a smaller mapping", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("document", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EndlessQueryFileExitsTwo()
    {
        var document = Write("doc.json", """{"a":"b"}""");

        var result = CliRunner.Run("kql", "eval", "--query-file", "/dev/zero", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--query-file /dev/zero is larger than 100 MiB", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("OutOfMemory", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryFileWithByteOrderMarkIsRead()
    {
        var file = WriteWithByteOrderMark("q.kql", "a:b");

        var result = CliRunner.Run("kql", "parse", "--query-file", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("(is \"a\" \"b\")", result.StandardOutput.Trim());
    }

    [Fact]
    public void QueryFileInLockedFolderSaysPermission()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(UnprivilegedCli.LockedFolder(folder.Path), "q.kql");
        File.WriteAllText(file, "a:b");

        var result = UnprivilegedCli.Run(folder.Path, "kql", "parse", "--query-file", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--query-file {file} could not be read", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a": 1""", "'1'")]
    [InlineData("""{"a": 1x}""", "'x'")]
    public void CutNumberIsPlainError(string text, string quoted)
    {
        var document = Write("cut.json", text);

        var result = CliRunner.Run("kql", "eval", "a:1", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"invalid end of a number at {quoted}", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("\\'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void CutSignIsUnescaped()
    {
        var document = Write("cut.json", """{"a": -""");

        var result = CliRunner.Run("kql", "eval", "a:1", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Expected a digit ('0'-'9'), but instead reached end of data", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("\\'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentInLockedFolderSaysPermission()
    {
        using var folder = new TempDirectory();
        var document = Path.Combine(UnprivilegedCli.LockedFolder(folder.Path), "doc.json");
        File.WriteAllText(document, """{"a":"b"}""");

        var result = UnprivilegedCli.Run(folder.Path, "kql", "eval", "a:b", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--doc {document}: could not be read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoDocumentValuesArePlainError()
    {
        var document = Write("two.json", "{}{}");

        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 1, byte 3: a second value: '{' follows the end of the JSON value", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("\\'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LongMappingTypeIsShortened()
    {
        var mapping = Write("m.json", $$"""{"pad":"{{new string('a', 100_000)}}"}""");

        var result = CliRunner.Run("kql", "dsl", "a:b", "--mapping", mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Mapping type `aaaa", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("…` of `pad` is not an Elasticsearch 8 field type", result.StandardError, StringComparison.Ordinal);
        Assert.True(result.StandardError.Length < 2_000, $"{result.StandardError.Length} characters of error");
    }

    [Fact]
    public void DocumentAndMappingBothStdinExitTwo()
    {
        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", "-", "--mapping", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--doc and --mapping cannot both read stdin", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMarkDocumentIsRead()
    {
        var document = WriteWithByteOrderMark("d.json", """{"a":"b"}""");

        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", document);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    [Fact]
    public void ByteOrderMarkMappingIsRead()
    {
        var document = Write("d.json", """{"message":"Access Denied"}""");
        var mapping = WriteWithByteOrderMark("m.json", """{"message":"text"}""");

        var result = CliRunner.Run("kql", "eval", "message:denied", "--doc", document, "--mapping", mapping);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("true", result.StandardOutput.Trim());
    }

    [Fact]
    public void ByteOrderMarkKeepsErrorPosition()
    {
        var document = WriteWithByteOrderMark("d.json", """{"a":x}""");

        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 1, byte 6: invalid character 'x'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingFieldWithoutTypeExitsTwo()
    {
        var mapping = Write("m.json", """{"mappings":{"properties":{"user":{"properties":{"name":{"ignore_above":1024}}}}}}""");

        var result = CliRunner.Run("kql", "dsl", "user.name:root", "--mapping", mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            $"--mapping {mapping}: Mapping field `user.name` ({{\"ignore_above\":1024}}) has no \"type\"; give it one",
            result.StandardError,
            StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void MappingMultiFieldTypeIsChecked()
    {
        var mapping = Write("m.json", """{"message":{"type":"keyword","fields":{"text":{"type":"txt"}}}}""");

        var result = CliRunner.Run("kql", "dsl", "message:denied", "--mapping", mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Mapping type `txt` of `message.text` is not an Elasticsearch 8 field type", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void ReadAtMost_OverLimit_ReturnsNull()
    {
        Assert.Null(Vigil.Cli.KqlJsonFile.ReadAtMost(new MemoryStream(new byte[101]), 100));
        Assert.Equal(100, Vigil.Cli.KqlJsonFile.ReadAtMost(new MemoryStream(new byte[100]), 100)!.Length);
    }

    [Fact]
    public void DirectoryMappingSaysDirectory()
    {
        var result = CliRunner.Run("kql", "dsl", "a:b", "--mapping", _folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a directory", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrayMappingGetsPlainMessage()
    {
        var mapping = Write("m.json", "[1]");

        var result = CliRunner.Run("kql", "dsl", "a:b", "--mapping", mapping);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The mapping is a JSON array", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyDocumentGetsPositionWithoutReaderWording()
    {
        var document = Write("d.json", "");

        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 1, byte 1", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8DocumentIsReported()
    {
        var document = Path.Combine(_folder, "d.json");
        File.WriteAllBytes(document, [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}']);

        var result = CliRunner.Run("kql", "eval", "a:b", "--doc", document);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid UTF-8 at byte offset 6", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeInQueryIsNotEchoedRaw()
    {
        var result = CliRunner.Run("kql", "parse", "a:(\"\u001b[31m");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.StandardError);
    }

    [Fact]
    public void LongQueryEchoIsWindowed()
    {
        var query = "a:" + new string('b', 100_000) + ")";

        var result = CliRunner.Run("kql", "parse", query);

        var longest = result.StandardError.Split('\n').Max(line => line.Length);
        Assert.InRange(longest, 1, 400);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("+25:00")]
    [InlineData("Pacific Standard Time")]
    public void InvalidTimeZoneExitsTwo(string zone)
    {
        var result = CliRunner.Run("kql", "dsl", "@timestamp > now", "--time-zone", zone);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--time-zone", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("Zulu")]
    [InlineData("UTC")]
    [InlineData("Z")]
    [InlineData("-05:30")]
    public void ValidTimeZoneIsAccepted(string zone)
    {
        var result = CliRunner.Run("kql", "dsl", "@timestamp > now", "--time-zone", zone);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void OffsetTimeZoneIsPrintedReadably()
    {
        var result = CliRunner.Run("kql", "dsl", "@timestamp > now", "--time-zone", "+01:00");

        Assert.Contains("\"time_zone\": \"+01:00\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryFileHoldsQueryBeyondArgumentLimit()
    {
        var query = string.Join(" or ", Enumerable.Range(0, 20_000).Select(i => $"a:v{i}"));
        var file = Write("q.kql", query + "\n");

        var result = CliRunner.Run("kql", "parse", "--query-file", file);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("(or (is \"a\" \"v0\")", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryAndQueryFileTogetherExitTwo()
    {
        var file = Write("q.kql", "a:b");

        var result = CliRunner.Run("kql", "dsl", "a:b", "--query-file", file);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void MissingQueryExitsTwo()
    {
        var result = CliRunner.Run("kql", "parse");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--query-file", result.StandardError, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes <paramref name="content"/> as UTF-8 after a byte order mark.</summary>
    private string WriteWithByteOrderMark(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}
