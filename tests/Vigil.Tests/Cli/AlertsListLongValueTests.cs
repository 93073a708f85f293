using Spectre.Console;
using Vigil.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil alerts list</c> cuts a value longer than its maximum, in the table and in the block
/// layout, on a terminal and in a pipe, so that an attacker's long value in a CloudTrail record
/// cannot flood the output. The value is escaped for the terminal before it is cut.
/// </summary>
public class AlertsListLongValueTests
{
    private const int LongValueLength = 100_000;

    // Longer than the maximum but well within a pipe's 4,096 columns, so the table fits a pipe.
    private const int PipeFittingValueLength = 1_000;

    [Theory]
    [InlineData("80")]
    [InlineData("300")]
    public void LongValueIsCutInBlocks(string columns)
    {
        var list = ListWithLongSource(LongValueLength, columns);

        var lines = list.StandardOutput.Split('\n');
        var source = Assert.Single(lines, line => line.Contains("99999", StringComparison.Ordinal));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("3 alerts.", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("Source", StringComparison.Ordinal));
        Assert.EndsWith("…", source, StringComparison.Ordinal);
        Assert.Contains("\\u001B[31m", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", list.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(AlertsListRunner.MaxValueColumns, source[source.IndexOf("\\u001B", StringComparison.Ordinal)..].GetCellWidth());
    }

    [Theory]
    [InlineData(null, LongValueLength)]
    [InlineData(null, PipeFittingValueLength)]
    [InlineData("2000", PipeFittingValueLength)]
    public void LongValueIsCutInTable(string? columns, int length)
    {
        var list = ListWithLongSource(length, columns);

        var lines = list.StandardOutput.Split('\n');
        var row = Assert.Single(lines, line => line.Contains("99999", StringComparison.Ordinal));
        var start = row.IndexOf("\\u001B", StringComparison.Ordinal);
        var end = row.IndexOf('…', start);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("3 alerts.", list.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => line.StartsWith("Source", StringComparison.Ordinal));
        Assert.StartsWith("│", row, StringComparison.Ordinal);
        Assert.True(end > start, $"no ellipsis after the value: {row}");
        Assert.DoesNotContain("\u001b", list.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(AlertsListRunner.MaxValueColumns, row[start..(end + 1)].GetCellWidth());
    }

    /// <summary>
    /// Stores three alerts, the first with a source address of <paramref name="length"/> digits
    /// after a terminal colour code, and lists them with <c>COLUMNS</c> set to <paramref name="columns"/>.
    /// </summary>
    private static CliRunner.CliResult ListWithLongSource(int length, string? columns)
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var input = Path.Combine(temp.Path, "long-source.ndjson");
        var records = Enumerable.Range(1, 3).Select(i => RoleChaining.Record(i, "2026-12-01T10:00:00Z")).ToList();
        records[0]["sourceIPAddress"] = "\u001b[31m" + new string('9', length);
        File.WriteAllLines(input, records.Select(record => record.ToJsonString()));
        Assert.Equal(0, CliRunner.Run("ingest", input, "--data", data).ExitCode);
        Assert.Equal(0, CliRunner.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now", "--data", data).ExitCode);

        return CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = columns }, "alerts", "list", "--data", data);
    }
}
