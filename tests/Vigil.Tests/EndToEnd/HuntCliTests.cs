using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.EndToEnd;

/// <summary>The <c>vigil hunt</c> program as a user runs it: arguments, outputs and exit codes.</summary>
public class HuntCliTests
{
    [Fact]
    public void TableListsSampleAlerts()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("AdminRole", result.StandardOutput);
        Assert.Contains("etl-lambda-role", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("AWS Security Token Service (STS) AssumeRole Usage", result.StandardError);
    }

    [Fact]
    public void NdjsonHasOneAlertPerLine()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "ndjson");

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal("signal", RawRecords.Text(JsonNode.Parse(line), "event.kind") ?? JsonNode.Parse(line)!["event.kind"]?.ToString()));
    }

    [Fact]
    public void OutputFileGetsNdjson()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "alerts.ndjson");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--output", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, File.ReadAllLines(file).Length);
        Assert.Contains("AdminRole", result.StandardOutput);
    }

    [Fact]
    public void DeeplyNestedPayload_ShownInTheTable()
    {
        using var temp = new TempDirectory();
        var record = RoleChaining.Record(1, "2026-12-01T10:00:00Z");
        record["requestParameters"]!["deep"] = DeepJson.Objects(100);
        var input = Path.Combine(temp.Path, "deep.ndjson");
        var output = Path.Combine(temp.Path, "alerts.ndjson");
        File.WriteAllText(input, record.ToJsonString() + "\n");

        var result = CliRunner.Run("hunt", input, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("pipeline-role-1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(output));
    }

    [Fact]
    public void SummaryCountsEveryRecord()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "ndjson");

        Assert.Contains("Records read", result.StandardError);
        Assert.Contains("duplicate delivery", result.StandardError);
        Assert.Matches(@"Alerts\s+3", result.StandardError);
    }

    [Fact]
    public void RedirectedStderrHasNoProgressBar()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "ndjson");

        Assert.DoesNotContain('\u001b', result.StandardError);
        Assert.DoesNotContain("file 1/", result.StandardError);
    }

    [Fact]
    public void UnknownOptionIsUsageError()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--colour", "red");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--colour", result.StandardError);
    }

    [Fact]
    public void MissingPathIsUsageError()
    {
        var result = CliRunner.Run("hunt", "/nonexistent/trail");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/trail", result.StandardError);
    }

    [Fact]
    public void BadTimeIsUsageError()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--from", "yesterday");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("yesterday", result.StandardError);
    }

    [Fact]
    public void UnreadableInputExitsOne()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "broken.json");
        File.WriteAllText(file, "{\"Records\":[{\"eventName\":");

        var result = CliRunner.Run("hunt", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.json", result.StandardError);
    }

    [Fact]
    public void BadLineIsReportedAndSkipped()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "events.ndjson");
        var good = File.ReadAllLines(Path.Combine(RepoPaths.Samples, "exports", "etl-lambda-2026-12-01.ndjson"));
        File.WriteAllLines(file, [good[0], "{not json", good[1]]);

        var result = CliRunner.Run("hunt", file, "--format", "ndjson");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("line 2", result.StandardError);
        Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void FileCutAfterCommaIsTruncated()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "cut.json");
        var record = RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString();
        File.WriteAllText(file, record[..(record.IndexOf(',', StringComparison.Ordinal) + 1)]);

        var result = CliRunner.Run("hunt", file, "--format", "ndjson");

        Assert.Contains("line 1, byte 22: the data ends inside a JSON value, so the file or its gzip stream is truncated", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("reached end of data", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeRangeLimitsAlerts()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "ndjson", "--from", "2026-12-01T09:00:00Z", "--to", "2026-12-01T09:05:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void DateOnlyRangeCoversWholeDay()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "ndjson", "--from", "2026-12-01", "--to", "2026-12-01");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void ReversedRangeShowsRoundedEnd()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--from", "2026-12-02", "--to", "2026-12-01T09:04");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to 2026-12-01T09:04:59.999Z", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalEscapesAreNeutralised()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "evil.ndjson");
        var record = RoleChaining.Record(1, "2026-12-01T10:00:00Z");
        record["sourceIPAddress"] = "\u001b]0;pwned\u0007\u001b[2J";
        File.WriteAllText(file, record.ToJsonString() + "\n");

        var result = CliRunner.Run("hunt", file);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.StandardOutput);
        Assert.Contains("\\u001B", result.StandardOutput);
    }

    [Fact]
    public void UnwritableOutputIsUsageError()
    {
        using var temp = new TempDirectory();
        var target = Path.Combine(temp.Path, "missing", "alerts.ndjson");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--output", target);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot write --output", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public void OutputInsideInputRerunIsRejected()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(RepoPaths.Samples, "exports", "etl-lambda-2026-12-01.ndjson"), Path.Combine(temp.Path, "events.ndjson"));
        var output = Path.Combine(temp.Path, "alerts.ndjson");

        // The first run creates the file after listing the folder, so it does not read it. On the
        // second the file is one of the folder's files, which a hunt cannot tell from a log.
        var first = CliRunner.Run("hunt", temp.Path, "--output", output);
        var alerts = File.ReadAllBytes(output);
        var second = CliRunner.Run("hunt", temp.Path, "--output", output);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("= events 2 + errors 0 + skipped 0", first.StandardError);
        Assert.Single(File.ReadAllLines(output));
        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"--output {output} is also an input file", second.StandardError);
        Assert.Equal(alerts, File.ReadAllBytes(output));
    }

    [Fact]
    public void UnknownDashArgumentIsNamed()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option --bogus", result.StandardError);
    }

    [Fact]
    public void HostileStringDoesNotStopHunt()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "events.ndjson");
        var hostile = RoleChaining.Record(2, "2026-12-01T10:00:00Z").ToJsonString().Replace("Boto3/1.35.80", "Boto3\\udc00", StringComparison.Ordinal);
        File.WriteAllLines(file, [RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString(), hostile, RoleChaining.Record(3, "2026-12-01T10:00:00Z").ToJsonString()]);

        var result = CliRunner.Run("hunt", file, "--format", "ndjson");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Records read 3 =", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        Assert.True(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2);
    }

    [Fact]
    public void EmptyFolderSaysNoFiles()
    {
        using var temp = new TempDirectory();

        var result = CliRunner.Run("hunt", temp.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no files found", result.StandardError);
    }

    [Fact]
    public void NonCloudTrailJsonIsNamed()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "inventory.json"), """[{"name":"x","items":[1,2]},{"name":"y"}]""");
        var sample = Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First();
        File.Copy(sample, Path.Combine(temp.Path, "trail.json"));

        var result = CliRunner.Run("hunt", temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("inventory.json: 2 of 2 events have neither eventName nor eventTime", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("trail.json: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("without eventName or eventTime (not CloudTrail?)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRunnableRuleIsUsageError()
    {
        using var temp = new TempDirectory();
        var rule = Path.Combine(temp.Path, "bad.toml");
        File.WriteAllText(rule, """
            [metadata]
            creation_date = "2026/12/05"
            [rule]
            rule_id = "5b0d1c9e-2f3a-4c5d-8e6f-7a8b9c0d1e2f"
            name = "Broken query"
            description = "A query with a syntax error."
            type = "query"
            language = "kuery"
            query = "event.action:("
            index = ["logs-aws*"]
            severity = "low"
            risk_score = 21
            """);

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", rule);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no rule can run", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Broken query", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Fix the query, filter or index patterns each reason names.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("give rules of type query in KQL", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("No alerts.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRunnableEqlRule_AdvisesKqlQueryRule()
    {
        using var temp = new TempDirectory();
        var rule = Path.Combine(temp.Path, "eql.toml");
        File.WriteAllText(rule, """
            [metadata]
            creation_date = "2026/12/05"
            [rule]
            rule_id = "5b0d1c9e-2f3a-4c5d-8e6f-7a8b9c0d1e30"
            name = "EQL sequence"
            description = "An EQL rule, which hunt does not run."
            type = "eql"
            language = "eql"
            query = "any where true"
            index = ["logs-aws*"]
            severity = "low"
            risk_score = 21
            """);

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", rule);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Fix the rules, or give rules of type query in KQL.", result.StandardError, StringComparison.Ordinal);
    }

    // The value is quoted, so that a space that makes it invalid shows.
    [Theory]
    [InlineData("abc")]
    [InlineData(" 2")]
    [InlineData("2 ")]
    public void ThreadsNotNumberIsUsageError(string threads)
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--threads", threads);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--threads '{threads}' is not a whole number", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-99999999999999999999")]
    public void ThreadsBeyondIntIsOutOfRange(string threads)
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--threads", threads);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil hunt: --threads {threads} is out of range", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Run 'vigil hunt --help' for usage.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreadsZeroIsUsageError()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--threads", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--threads 0 is out of range", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreadsThreeGivesSameAlerts()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--format", "ndjson", "--threads", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void OutputSameAsInputIsUsageError()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "trail.ndjson");
        File.Copy(Path.Combine(RepoPaths.Samples, "exports", "etl-lambda-2026-12-01.ndjson"), input);
        var before = File.ReadAllBytes(input);

        var result = CliRunner.Run("hunt", input, "--output", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is also an input file", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }
}
