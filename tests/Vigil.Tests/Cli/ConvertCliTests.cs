using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>The <c>vigil convert</c> program as a user runs it: outputs, summary and exit codes.</summary>
public class ConvertCliTests
{
    // The samples contain 16 records: 14 events, one digest file and one duplicate delivery.
    private const int SampleEvents = 14;

    [Fact]
    public void NdjsonHasOneDocumentPerEvent()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples);

        var lines = Lines(result.StandardOutput);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleEvents, lines.Length);
        Assert.All(lines, line => Assert.Equal("aws.cloudtrail", JsonNode.Parse(line)!["event"]!["dataset"]!.GetValue<string>()));
    }

    [Fact]
    public void SummaryEndsWithRecordsSum()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples);

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("Records read 16 = events 14 + errors 0 + skipped 2", result.StandardError.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void BulkPrecedesEachDocumentWithCreate()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples, "--bulk");

        var lines = Lines(result.StandardOutput);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2 * SampleEvents, lines.Length);
        Assert.All(lines.Where((_, i) => i % 2 == 0), line => Assert.Equal("""{"create":{"_index":"logs-aws.cloudtrail-default"}}""", line));
        Assert.All(lines.Where((_, i) => i % 2 == 1), line => Assert.NotNull(JsonNode.Parse(line)!["@timestamp"]));
        Assert.EndsWith("\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void BulkNamesGivenIndex()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples, "--bulk=logs-aws.cloudtrail-test");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("""{"create":{"_index":"logs-aws.cloudtrail-test"}}""", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void BulkUpperCaseIndexIsUsageError()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples, "--bulk=Logs");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("upper-case", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void BulkBeforePathIsUsageError()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples, "--bulk", Path.Combine(RepoPaths.Samples, "exports"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Put --bulk after the paths", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputFileGetsDocuments()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "events.ndjson");

        var result = CliRunner.Run("convert", RepoPaths.Samples, "--output", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SampleEvents, File.ReadAllLines(file).Length);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void KeepOriginalAddsEventOriginal()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples, "--keep-original");

        Assert.All(Lines(result.StandardOutput), line => Assert.NotNull(JsonNode.Parse(line)!["event"]!["original"]));
    }

    [Fact]
    public void WithoutKeepOriginalNoEventOriginal()
    {
        var result = CliRunner.Run("convert", RepoPaths.Samples);

        Assert.All(Lines(result.StandardOutput), line => Assert.Null(JsonNode.Parse(line)!["event"]!["original"]));
    }

    [Fact]
    public void SummaryRecordsAreEventsErrorsAndSkips()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "mixed.ndjson");
        File.WriteAllText(file, """
            {"eventTime":"2024-01-01T00:00:00Z","eventName":"GetCallerIdentity","eventID":"a"}
            {"eventTime":"2024-01-01T00:00:00Z", broken
            {}
            {"eventTime":"2024-01-01T00:00:01Z","eventName":"ListBuckets","eventID":"b"}
            """);

        var result = CliRunner.Run("convert", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, Count(result.StandardError, "Records read"));
        Assert.Equal(2, Count(result.StandardError, "  events"));
        Assert.Equal(1, Count(result.StandardError, "  errors"));
        Assert.Equal(1, Count(result.StandardError, "  skipped"));
    }

    [Fact]
    public void BrokenRecordIsLoggedWithLocation()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "broken.ndjson");
        File.WriteAllText(file, "{\"eventName\":\"ListBuckets\",\"eventID\":\"a\"}\n{\"eventName\": nope}\n");

        var result = CliRunner.Run("convert", file);

        Assert.Matches($@"{Regex.Escape(file)}: line 2, byte \d+: invalid JSON", result.StandardError);
        Assert.Single(Lines(result.StandardOutput));
    }

    [Fact]
    public void MappingErrorIsWrittenAndLogged()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "bad-time.json");
        File.WriteAllText(file, """{"eventTime":"yesterday","eventName":"ListBuckets","eventID":"a"}""");

        var result = CliRunner.Run("convert", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pipeline_error", JsonNode.Parse(Lines(result.StandardOutput).Single())!["event"]!["kind"]!.GetValue<string>());
        Assert.Contains("written with event.kind pipeline_error", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyErrorsExitsWithNothingRead()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "broken.json");
        File.WriteAllText(file, "{\"Records\":[{\"eventName\":");

        var result = CliRunner.Run("convert", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void ClosedPipeStopsQuietly()
    {
        Assert.SkipUnless(File.Exists("/bin/bash"), "/bin/bash is not available here");
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "many.ndjson");
        File.WriteAllLines(input, Enumerable.Range(0, 20_000).Select(i =>
            $$"""{"eventVersion":"1.08","eventTime":"2026-12-01T00:00:00Z","eventName":"X","eventID":"id-{{i}}"}"""));

        // Far more documents than a pipe holds, so the converter is still writing when head leaves.
        var vigil = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
        var start = new System.Diagnostics.ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"dotnet '{vigil}' convert '{input}' | head -c 100 > /dev/null; echo \"${{PIPESTATUS[0]}}\"");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal("0", output.Trim());
        Assert.DoesNotContain("Records read", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPathIsUsageError()
    {
        var result = CliRunner.Run("convert", "/nonexistent/trail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigil convert: input path not found: /nonexistent/trail. Give a CloudTrail file or a directory of them.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFolderSaysNoFiles()
    {
        using var folder = new TempDirectory();

        var result = CliRunner.Run("convert", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"vigil convert: no files found in {folder.Path}", result.StandardError, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static long Count(string summary, string label)
    {
        var match = Regex.Match(summary, $@"^{Regex.Escape(label)}\s+([\d,]+)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"'{label}' not found in the summary:\n{summary}");
        return long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void OutputSameAsInputIsUsageError()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "trail.ndjson");
        File.Copy(Path.Combine(RepoPaths.Samples, "exports", "etl-lambda-2026-12-01.ndjson"), input);
        var before = File.ReadAllBytes(input);

        var result = CliRunner.Run("convert", input, "--output", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is also an input file", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void OutputInsideInputFolderNotRead()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.Samples, "exports", "etl-lambda-2026-12-01.ndjson"), Path.Combine(temp.Path, "trail.ndjson"));
        var output = Path.Combine(temp.Path, "documents.ndjson");

        var result = CliRunner.Run("convert", temp.Path, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Files read\s+1\b", result.StandardError);
        Assert.Matches(@"errors\s+0\b", result.StandardError);
    }
}
