using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// One <c>vigil serve</c> per store: a second one on the same data directory exits at start with
/// an error that names the first, so no window runs twice, each with its own <c>max_signals</c>.
/// </summary>
public class ServeLockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void SecondServe_RejectedWithOwner()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rule = ServeRuleFiles.WriteBuiltIn(store.Folder, "1s");

        using var first = ServeProcess.Start("--data", store.Data, "--rules", rule, "--poll", "200ms");
        Assert.True(Eventually.True(() => first.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), first.StandardError);
        using var second = ServeProcess.Start("--data", store.Data, "--rules", rule, "--poll", "200ms");
        var secondExited = second.WaitForExit(TimeSpan.FromSeconds(30));
        var ingest = store.Run("ingest", RepoPaths.Samples);
        var status = store.Run("rules", "status");
        var firstStillRuns = !first.HasExited;
        Assert.True(first.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.True(secondExited, second.StandardError);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"another vigil serve (process {first.Id} on ", second.StandardError, StringComparison.Ordinal);
        Assert.Contains($"the rules of the store {store.Data}.", second.StandardError, StringComparison.Ordinal);
        Assert.Contains("Stop the other serve before you start this one", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("vigil serve started", second.StandardError, StringComparison.Ordinal);
        Assert.True(firstStillRuns, first.StandardError);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(0, first.ExitCode);
    }

    [Fact]
    public void KilledServe_NextServeStarts()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rule = ServeRuleFiles.WriteBuiltIn(store.Folder, "1s");

        using (var killed = ServeProcess.Start("--data", store.Data, "--rules", rule, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => killed.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), killed.StandardError);
            killed.Kill();
        }

        using var next = ServeProcess.Start("--data", store.Data, "--rules", rule, "--poll", "200ms");
        Assert.True(Eventually.True(() => next.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), next.StandardError);
        Assert.True(next.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        Assert.Equal(0, next.ExitCode);
    }
}
