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

    [Fact]
    public void PastNextRunMarkedDue()
    {
        // A day ago, so that the next run the scheduled run sets has passed by the time status reads it.
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        using var harness = new Serve.SchedulerHarness(start);
        var file = Path.Combine(harness.TempPath, "stop-logging.toml");
        File.WriteAllText(file, Serve.SchedulerSamples.StopLoggingRuleToml());
        harness.Register(Assert.Single(Vigil.Detect.Rules.RuleLoader.LoadPaths([file]).Rules));
        harness.RunAt(start.AddMinutes(5));

        var status = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = "240" }, "rules", "status", "--data", Path.Combine(harness.TempPath, "data"));

        Assert.Equal(0, status.ExitCode);
        var nextRun = Vigil.Alert.KibanaTime.Format(start.AddMinutes(10));
        Assert.True(status.StandardOutput.Contains($"{nextRun} (due)", StringComparison.Ordinal), status.StandardOutput);
    }

    [Fact]
    public void FutureNextRunNotDue()
    {
        using var store = new CliStore();
        Assert.Equal(0, store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now").ExitCode);

        var status = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = "240" }, "rules", "status", "--data", store.Data);

        Assert.Equal(0, status.ExitCode);
        Assert.DoesNotContain("(due)", status.StandardOutput, StringComparison.Ordinal);
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
