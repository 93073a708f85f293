using Spectre.Console;
using Vigil.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// The block layout of <c>vigil alerts list</c> cuts a value longer than its maximum, so that an
/// attacker's 100 KB value in a CloudTrail record cannot flood the terminal. The value is escaped
/// for the terminal before it is cut.
/// </summary>
public class AlertsListLongValueTests
{
    private const int LongValueLength = 100_000;

    [Theory]
    [InlineData(null)]
    [InlineData("80")]
    [InlineData("300")]
    public void LongValueIsCutInBlocks(string? columns)
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var input = Path.Combine(temp.Path, "long-source.ndjson");
        var records = Enumerable.Range(1, 3).Select(i => RoleChaining.Record(i, "2026-12-01T10:00:00Z")).ToList();
        records[0]["sourceIPAddress"] = "\u001b[31m" + new string('9', LongValueLength);
        File.WriteAllLines(input, records.Select(record => record.ToJsonString()));
        Assert.Equal(0, CliRunner.Run("ingest", input, "--data", data).ExitCode);
        Assert.Equal(0, CliRunner.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now", "--data", data).ExitCode);

        var list = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = columns }, "alerts", "list", "--data", data);

        var lines = list.StandardOutput.Split('\n');
        var source = Assert.Single(lines, line => line.Contains("99999", StringComparison.Ordinal));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("3 alerts.", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("Source", StringComparison.Ordinal));
        Assert.EndsWith("…", source, StringComparison.Ordinal);
        Assert.Contains("\\u001B[31m", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", list.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(AlertsListRunner.MaxBlockValueColumns, source[source.IndexOf("\\u001B", StringComparison.Ordinal)..].GetCellWidth());
    }
}
