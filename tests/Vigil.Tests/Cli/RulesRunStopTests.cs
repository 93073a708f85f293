using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Vigil.Detect.Rules;
using Vigil.Serve;
using Vigil.Store;
using Vigil.Store.Scheduler;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A <c>vigil rules run</c> that is stopped with SIGTERM, or killed, keeps in the store the
/// execution log entries and the ledger of the windows it searched, saved together.
/// </summary>
public partial class RulesRunStopTests
{
    // 300,000 windows of a 1s rule, the maximum one run accepts, which take several seconds to search.
    private const string From = "2026-09-01T00:00:00Z";
    private const string To = "2026-09-04T11:19:59.999Z";
    private const int MaxWindows = RuleScheduler.MaxManualWindows;

    // Generous, because CI machines may be loaded.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset RangeStart = DateTimeOffset.Parse(From, CultureInfo.InvariantCulture);

    [Fact]
    public async Task RulesRun_Sigterm_SavesSearchedWindows()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil rules run with SIGTERM");
        using var store = new CliStore();
        using var run = StartRun(store);
        var reading = (Output: run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken), Error: run.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));

        Assert.True(Eventually.True(() => CountManualEntries(store.Data) > 0, Patience), "no execution log entry was saved");
        using (var kill = Process.Start("kill", ["-TERM", run.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(run.WaitForExit(Patience), "vigil rules run did not stop on SIGTERM");
        var output = await reading.Output;
        var error = await reading.Error;
        var stopped = StoppedAfter().Match(error);
        Assert.True(stopped.Success, error);
        var windows = long.Parse(stopped.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var searchedTo = RangeStart.AddSeconds(windows).AddMilliseconds(-1);

        Assert.Equal(130, run.ExitCode);
        Assert.InRange(windows, 1, MaxWindows - 1);
        Assert.Equal(windows, CountManualEntries(store.Data));
        Assert.StartsWith(windows.ToString("N0", CultureInfo.InvariantCulture) + " windows: ", output, StringComparison.Ordinal);
        Assert.Contains($"run it again with --from {RangeStart.AddSeconds(windows):yyyy-MM-ddTHH:mm:ss.fffZ}\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal([(RangeStart.ToUnixTimeMilliseconds(), searchedTo.ToUnixTimeMilliseconds())], LoadLedger(store.Data));
    }

    [Fact]
    public void RulesRun_Killed_KeepsSavedBatches()
    {
        using var store = new CliStore();
        using var run = StartRun(store);

        Assert.True(Eventually.True(() => CountManualEntries(store.Data) > 0, Patience), "no execution log entry was saved");
        var savedBeforeKill = CountManualEntries(store.Data);
        run.Kill(entireProcessTree: true);
        run.WaitForExit();
        var saved = CountManualEntries(store.Data);
        var newest = ReadNewestEntry(store.Data);

        Assert.InRange(saved, savedBeforeKill, MaxWindows - 1);
        Assert.Equal(RangeStart.AddSeconds(saved).AddMilliseconds(-1), newest.Windows[^1].To);
        Assert.Equal([(RangeStart.ToUnixTimeMilliseconds(), newest.Windows[^1].ToMs)], LoadLedger(store.Data));
    }

    /// <summary>Starts a manual run of the built-in rule with a 1s interval over 300,000 windows.</summary>
    private static Process StartRun(CliStore store)
    {
        var rule = store.WriteRule("every-second.toml", ("interval = \"5m\"", "interval = \"1s\""));
        return CliRunner.Start(new Dictionary<string, string?>(), ["rules", "run", rule, "--from", From, "--to", To, "--data", store.Data]);
    }

    private static long CountManualEntries(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, VigilStore.DatabaseFileName)};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM rule_executions WHERE kind = 'Manual'";
        return (long)command.ExecuteScalar()!;
    }

    private static ExecutionLogEntry ReadNewestEntry(string data)
    {
        using var store = VigilStore.Open(data);
        return new SqliteSchedulerState(store).ReadLog(NameBasedUuid.ForRuleId(CliStore.RuleId), 1)[0];
    }

    private static IReadOnlyList<(long From, long To)> LoadLedger(string data)
    {
        using var store = VigilStore.Open(data);
        return new SqliteSchedulerState(store).LoadState(NameBasedUuid.ForRuleId(CliStore.RuleId)).Ledger.Ranges;
    }

    [GeneratedRegex(@"stopped after ([\d,]+) windows?")]
    private static partial Regex StoppedAfter();
}
