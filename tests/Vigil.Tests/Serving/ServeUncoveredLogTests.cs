using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// Serve logs each range that a run leaves uncovered, also one left by the first run after a
/// start, while a range left before the start is not logged again.
/// </summary>
public class ServeUncoveredLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void FirstRun_LogsUncoveredRange()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();

        // The samples hold 3 role-chaining events, just stored, so the first window finds all 3
        // and alerts 1. An hour's interval keeps a second run from searching the range again.
        var rule = store.WriteRule("capped.toml", ("max_signals = 100", "max_signals = 1"), ("interval = \"5m\"", "interval = \"1h\""));
        var uncovered = $"Rule {CliStore.RuleId} ({CliStore.RuleName}) left [";

        using var serve = ServeProcess.Start("--data", store.Data, "--rules", rule, "--poll", "200ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("maximum alert limit", StringComparison.Ordinal), Patience), serve.StandardError);
        var logged = Eventually.True(() => serve.StandardError.Contains(uncovered, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.True(logged, serve.StandardError);
        Assert.Contains("uncovered: max_signals (1) reached at ", serve.StandardError, StringComparison.Ordinal);
        Assert.Contains("2 matches were not alerted", serve.StandardError, StringComparison.Ordinal);

        using var restarted = ServeProcess.Start("--data", store.Data, "--rules", rule, "--poll", "200ms");
        Assert.True(Eventually.True(() => restarted.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), restarted.StandardError);
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Assert.True(restarted.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        Assert.DoesNotContain(uncovered, restarted.StandardError, StringComparison.Ordinal);
    }
}
