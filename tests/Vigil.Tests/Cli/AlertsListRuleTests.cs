using Spectre.Console;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil alerts list --rule</c> resolves the rule as <c>vigil rules run</c> does, and the table
/// lists every row at any terminal width.
/// </summary>
public class AlertsListRuleTests
{
    [Fact]
    public void RuleByIdOrNameOrUnknown()
    {
        using var store = new CliStore();
        Assert.Equal(0, store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now").ExitCode);

        var byId = store.Run("alerts", "list", "--rule", CliStore.RuleId);
        var byName = store.Run("alerts", "list", "--rule", CliStore.RuleName);
        var unknown = store.Run("alerts", "list", "--rule", "no-such-rule");

        Assert.Equal(0, byId.ExitCode);
        Assert.Contains("3 alerts.", byId.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, byName.ExitCode);
        Assert.Contains("3 alerts.", byName.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("vigil alerts list: rule \"no-such-rule\" not found", unknown.StandardError, StringComparison.Ordinal);
        Assert.Equal("", unknown.StandardOutput);
    }

    [Fact]
    public void SharedNameIsAmbiguous()
    {
        using var store = new CliStore();
        var other = store.WriteRule("other.toml", ($"rule_id = \"{CliStore.RuleId}\"", "rule_id = \"r-other\""));
        Assert.Equal(0, store.Run("rules", "enable", CliStore.RuleId).ExitCode);
        Assert.Equal(0, store.Run("rules", "enable", other).ExitCode);

        var list = store.Run("alerts", "list", "--rule", CliStore.RuleName);
        var run = store.Run("rules", "run", CliStore.RuleName, "--from", "now-1m", "--to", "now");

        var ambiguity = $"rule name \"{CliStore.RuleName}\" is used by 2 rules; give one of their rule_id values: {CliStore.RuleId}, r-other";
        Assert.Equal(1, list.ExitCode);
        Assert.Contains($"vigil alerts list: {ambiguity}", list.StandardError, StringComparison.Ordinal);
        Assert.Contains($"vigil rules run: {ambiguity}", run.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("60")]
    [InlineData("80")]
    [InlineData("200")]
    public void NarrowTableStillListsRows(string columns)
    {
        using var store = new CliStore();
        Assert.Equal(0, store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now").ExitCode);

        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = columns }, "alerts", "list", "--data", store.Data);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 alerts.", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("…3 alerts", result.StandardOutput, StringComparison.Ordinal);
        // One table row per alert, or one block per alert with a Status line, below the table's width.
        Assert.Equal(3, result.StandardOutput.Split('\n').Count(line => line.Contains(" open ", StringComparison.Ordinal) || line.TrimEnd().EndsWith(" open", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("60")]
    [InlineData("80")]
    public void NarrowBlocksShowCreated(string columns)
    {
        using var store = new CliStore();
        Assert.Equal(0, store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now").ExitCode);

        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = columns }, "alerts", "list", "--data", store.Data);

        Assert.Equal(0, result.ExitCode);
        var createdLines = result.StandardOutput.Split('\n').Where(line => line.StartsWith("Created ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, createdLines.Count);
        Assert.All(createdLines, line => Assert.Matches(@"^Created +\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", line.TrimEnd()));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(240)]
    public void AlertValuesStayWholeAtWidth(int width)
    {
        using var store = new CliStore();
        var rule = store.WriteRule("two-signals.toml", ("max_signals = 100", "max_signals = 2"));
        Assert.Equal(0, store.Run("rules", "run", rule, "--from", "now-1h", "--to", "now").ExitCode);

        var list = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = $"{width}" }, "alerts", "list", "--data", store.Data);

        Assert.Equal(0, list.ExitCode);
        var lines = list.StandardOutput.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains(lines, line => line.Contains("AssumeRole", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("alerts.", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            Assert.True(line.GetCellWidth() <= width, $"{line.GetCellWidth()} columns at width {width}: {line}");
        }
    }
}
