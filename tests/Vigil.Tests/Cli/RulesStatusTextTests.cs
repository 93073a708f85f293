namespace Vigil.Tests.Cli;

/// <summary><c>vigil rules status</c> piped to a file: one line per uncovered range, in correct English.</summary>
public class RulesStatusTextTests
{
    [Fact]
    public void UncoveredLineIsNotWrapped()
    {
        using var store = new CliStore();
        var rule = store.WriteRule("two-signals.toml", ("max_signals = 100", "max_signals = 2"));
        Assert.Equal(0, store.Run("rules", "run", rule, "--from", "now-1h", "--to", "now+1m").ExitCode);

        var status = store.Run("rules", "status");

        var uncovered = Assert.Single(status.StandardOutput.Split('\n'), line => line.Contains("uncovered", StringComparison.Ordinal));
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("max_signals (2) reached at ", uncovered, StringComparison.Ordinal);
        Assert.Contains(": 1 match was not alerted (not searched again; 'vigil rules run' over it clears it once every match has an alert)", uncovered, StringComparison.Ordinal);
    }
}
