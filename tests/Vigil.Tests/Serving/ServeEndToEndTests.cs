using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// <c>vigil serve</c> as a user runs it: a watched folder of CloudTrail files, the built-in rule on a
/// one-second interval, and the alerts read back with <c>vigil alerts list</c>.
/// </summary>
public class ServeEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void ServeAlertsEachRoleChainOnce()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var temp = new TempDirectory();
        var (data, watch) = (Path.Combine(temp.Path, "data"), Path.Combine(temp.Path, "watch"));
        WriteInputs(watch);
        var expected = ServeInputs.ExpectedAlertEventIds(watch);
        var rule = ServeRuleFiles.WriteBuiltIn(temp.Path, "1s");

        using (var serve = ServeProcess.Start("--data", data, "--watch", watch, "--rules", rule, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => CountAlerts(data) >= expected.Count, Patience), serve.StandardError);

            // Two more runs over the same 6-minute window must find only duplicates.
            Thread.Sleep(TimeSpan.FromSeconds(2.5));
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
            Assert.Equal(0, serve.ExitCode);
            Assert.Contains("vigil serve stopped", serve.StandardError, StringComparison.Ordinal);
        }

        var listed = CliRunner.Run("alerts", "list", "--format", "ndjson", "--data", data);
        var alerts = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(expected.Count, alerts.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), alerts.Select(ServeInputs.SourceEventId).Order(StringComparer.Ordinal));
        Assert.Equal(alerts.Count, alerts.Select(a => a["kibana.alert.uuid"]!.ToString()).Distinct().Count());
    }

    [Fact]
    public void ServeLogsEachExecution()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var rule = ServeRuleFiles.WriteBuiltIn(temp.Path, "1s");

        using var serve = ServeProcess.Start("--data", data, "--rules", rule, "--poll", "200ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("(scheduled) window", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)));

        Assert.Contains("vigil serve started", serve.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Rule 93075852-b0f5-4b8b-89c3-a226efae5726 run [0-9a-f-]{36} \(scheduled\) window \[[^]]+\]: succeeded, searched \d+, matches \d+, alerts created \d+, duplicates \d+", serve.StandardError);
        Assert.Contains("SIGTERM received", serve.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, serve.ExitCode);
    }

    [Fact]
    public void ServeRejectsBadPoll()
    {
        using var temp = new TempDirectory();

        var result = CliRunner.Run("serve", "--data", temp.Path, "--poll", "5 minutes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--poll", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeRejectsTinyPoll()
    {
        using var temp = new TempDirectory();

        var result = CliRunner.Run("serve", "--data", temp.Path, "--poll", "1ms");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--poll: 1ms is shorter than the minimum of 100ms", result.StandardError, StringComparison.Ordinal);
    }

    private static void WriteInputs(string watch)
    {
        ServeInputs.CopyTree(RepoPaths.Samples, Path.Combine(watch, "samples"));
        if (RepoPaths.Shared is { } shared)
        {
            ServeInputs.CopyTree(Path.Combine(shared, "data", "cloudtrail"), Path.Combine(watch, "shared"));
        }

        var start = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 40).SelectMany(i =>
            ServeInputs.RoleChainingWithNearMisses(i, start.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        ServeInputs.WriteNdjson(Path.Combine(watch, "generated", "role-chaining.ndjson"), records);
    }

    private static int CountAlerts(string data)
    {
        if (!File.Exists(Path.Combine(data, VigilStore.DatabaseFileName)))
        {
            return 0;
        }

        using var store = VigilStore.Open(data);
        return store.ListAlerts(new AlertFilter()).Count;
    }
}
