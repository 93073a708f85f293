using Spectre.Console;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil rules status</c>: one line per uncovered range, in correct English, and whole values at any width.</summary>
public class RulesStatusTextTests
{
    [Fact]
    public void UncoveredLineIsNotWrapped()
    {
        using var store = new CliStore();
        var rule = store.WriteRule("two-signals.toml", ("max_signals = 100", "max_signals = 2"));
        Assert.Equal(0, store.Run("rules", "run", rule, "--from", "now-1h", "--to", "now").ExitCode);

        var status = store.Run("rules", "status");

        var uncovered = Assert.Single(status.StandardOutput.Split('\n'), line => line.Contains("uncovered", StringComparison.Ordinal));
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("max_signals (2) reached at ", uncovered, StringComparison.Ordinal);
        Assert.Contains(": 1 match was not alerted (the backfill does not search it, but each later run searches it again while it lies within the rule's look-back (from now-6m), and so does 'vigil rules run' over it; a search clears it once every match has an alert)", uncovered, StringComparison.Ordinal);
        Assert.DoesNotContain("not searched again", uncovered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(240)]
    public void StatusValuesStayWholeAtWidth(int width)
    {
        using var store = new CliStore();
        var rule = store.WriteRule("two-signals.toml", ("max_signals = 100", "max_signals = 2"));
        Assert.Equal(0, store.Run("rules", "run", rule, "--from", "now-1h", "--to", "now").ExitCode);

        var status = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = $"{width}" }, "rules", "status", "--data", store.Data);

        Assert.Equal(0, status.ExitCode);
        var lines = status.StandardOutput.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        Assert.Contains(lines, line => line.Contains("AWS Security Token Service (STS) AssumeRole Usage", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("succeeded", StringComparison.Ordinal) || line.Contains("partial failure", StringComparison.Ordinal));
        foreach (var line in lines.TakeWhile(line => !line.EndsWith("):", StringComparison.Ordinal)))
        {
            Assert.True(line.GetCellWidth() <= width, $"{line.GetCellWidth()} columns at width {width}: {line}");
        }
    }
}
