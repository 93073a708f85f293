using Vigil.Serve;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A rule file given to <c>rules run|enable|disable</c> does not replace a newer registered
/// revision of its rule_id, nor one that version and update date do not order, unless
/// <c>--replace</c> is given. <c>serve</c> replaces it with a warning.
/// </summary>
public class RegisteredRevisionTests
{
    private const string Range = "now-1h";
    private const string OutcomeClause = " and event.outcome:success";

    [Fact]
    public void RunOlderFileKeepsNewerRevision()
    {
        using var store = new CliStore();
        var newer = WriteVersion(store, "newer.toml", 5, "Newer revision");
        var older = WriteVersion(store, "older.toml", 4, "Older revision");
        Assert.Equal(0, RunFile(store, newer).ExitCode);
        var runsBefore = ExecutionCount(store);

        var run = RunFile(store, older);

        var registered = Registered(store);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"vigil rules run: rule {CliStore.RuleId}: file not registered: {older} (version 4) is an older revision than the registered revision from {newer} (version 5), because version 5 is higher than 4.",
            run.StandardError,
            StringComparison.Ordinal);
        Assert.Contains($"Give the rule_id {CliStore.RuleId} in place of the file to use the registered revision, or add --replace to register {older} in its place.", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--help", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
        Assert.Equal(newer, registered.SourceFile);
        Assert.Equal(5, registered.Version);
        Assert.Equal("Newer revision", registered.Name);
        Assert.Equal(0, registered.Revision);
        Assert.Equal(runsBefore, ExecutionCount(store));
    }

    [Fact]
    public void RunOlderUpdatedDateKeepsNewerRevision()
    {
        using var store = new CliStore();
        var newer = WriteUpdated(store, "newer.toml", "2026/01/01", "Newer revision");
        var older = WriteUpdated(store, "older.toml", "2025/06/01", "Older revision");
        Assert.Equal(0, RunFile(store, newer).ExitCode);

        var run = RunFile(store, older);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{older} (updated 2025/06/01) is an older revision than the registered revision from {newer} (updated 2026/01/01), because updated 2026/01/01 is later than 2025/06/01.", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(newer, Registered(store).SourceFile);
    }

    [Fact]
    public void RunNewerFileReplacesOlder()
    {
        using var store = new CliStore();
        var older = WriteVersion(store, "older.toml", 4, "Older revision");
        var newer = WriteVersion(store, "newer.toml", 5, "Newer revision");
        Assert.Equal(0, RunFile(store, older).ExitCode);

        var run = RunFile(store, newer);

        var registered = Registered(store);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("not registered", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(newer, registered.SourceFile);
        Assert.Equal(5, registered.Version);
        Assert.Equal(1, registered.Revision);
    }

    [Fact]
    public void RunSameFileTwice()
    {
        using var store = new CliStore();
        var rule = WriteVersion(store, "rule.toml", 5, "Only revision");

        var first = RunFile(store, rule);
        var second = RunFile(store, rule);

        var registered = Registered(store);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(rule, registered.SourceFile);
        Assert.Equal(0, registered.Revision);
    }

    [Fact]
    public void RunCopyInOtherFolderRegisters()
    {
        using var store = new CliStore();
        var rule = WriteUndated(store, "rule.toml", "Undated revision", withOutcome: true);
        var moved = Path.Combine(store.Folder, "moved");
        Directory.CreateDirectory(moved);
        var copy = Path.Combine(moved, "rule.toml");
        File.Copy(rule, copy);
        Assert.Equal(0, RunFile(store, rule).ExitCode);

        var run = RunFile(store, copy);

        var registered = Registered(store);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(copy, registered.SourceFile);
        Assert.Equal(0, registered.Revision);
    }

    [Fact]
    public void RunUndecidedOrderKeepsRegistered()
    {
        using var store = new CliStore();
        var first = WriteUndated(store, "first.toml", "First revision", withOutcome: true);
        var second = WriteUndated(store, "second.toml", "Second revision", withOutcome: false);
        Assert.Equal(0, RunFile(store, first).ExitCode);

        var run = RunFile(store, second);

        var registered = Registered(store);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"rule {CliStore.RuleId}: file not registered: version and update date do not decide whether {second} (no version or update date) is newer than the registered revision from {first} (no version or update date), so the registered revision stays.",
            run.StandardError,
            StringComparison.Ordinal);
        Assert.Contains($"Set a higher version or a later updated_date in {second}.", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("add --replace", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(first, registered.SourceFile);
        Assert.Equal("First revision", registered.Name);
    }

    [Fact]
    public void RunSameUpdatedDateDifferentQueryKeepsRegistered()
    {
        using var store = new CliStore();
        var first = WriteUpdated(store, "first.toml", "2026/01/01", "First revision");
        var second = WriteUpdated(store, "second.toml", "2026/01/01", "Second revision", withOutcome: false);
        Assert.Equal(0, RunFile(store, first).ExitCode);

        var run = RunFile(store, second);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"do not decide whether {second} (updated 2026/01/01) is newer than the registered revision from {first} (updated 2026/01/01)", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(first, Registered(store).SourceFile);
    }

    [Fact]
    public void RunReplaceRegistersOlder()
    {
        using var store = new CliStore();
        var newer = WriteVersion(store, "newer.toml", 5, "Newer revision");
        var older = WriteVersion(store, "older.toml", 4, "Older revision");
        Assert.Equal(0, RunFile(store, newer).ExitCode);

        var run = store.Run("rules", "run", older, "--replace", "--from", Range, "--to", "now");

        var registered = Registered(store);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(older, registered.SourceFile);
        Assert.Equal(4, registered.Version);
        Assert.Equal("Older revision", registered.Name);
        Assert.Equal(1, registered.Revision);
    }

    [Fact]
    public void RunRuleIdUsesNewerRevision()
    {
        using var store = new CliStore();
        var newer = WriteVersion(store, "newer.toml", 5, "Newer revision");
        var older = WriteVersion(store, "older.toml", 4, "Older revision");
        Assert.Equal(0, RunFile(store, newer).ExitCode);
        Assert.Equal(1, RunFile(store, older).ExitCode);

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", Range, "--to", "now");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(newer, Registered(store).SourceFile);
    }

    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    public void EnableOlderFileKeepsNewerRevision(string command)
    {
        using var store = new CliStore();
        var newer = WriteVersion(store, "newer.toml", 5, "Newer revision");
        var older = WriteVersion(store, "older.toml", 4, "Older revision");
        Assert.Equal(0, store.Run("rules", "enable", newer).ExitCode);

        var rejected = store.Run("rules", command, older);
        var stillRegistered = Registered(store);
        var replaced = store.Run("rules", command, older, "--replace");

        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains($"vigil rules {command}: rule {CliStore.RuleId}: file not registered: {older} (version 4) is an older revision", rejected.StandardError, StringComparison.Ordinal);
        Assert.Empty(rejected.StandardOutput);
        Assert.Equal(newer, stillRegistered.SourceFile);
        Assert.True(stillRegistered.Enabled);
        Assert.Equal(0, replaced.ExitCode);
        Assert.Equal(older, Registered(store).SourceFile);
    }

    [Fact]
    public void ServeReplacesNewerRevisionWithWarning()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var newer = WriteVersion(store, "newer.toml", 5, "Newer revision");
        var rules = Path.Combine(store.Folder, "rules");
        Directory.CreateDirectory(rules);
        var older = Path.Combine(rules, "older.toml");
        File.Move(WriteVersion(store, "older.toml", 4, "Older revision"), older);
        Assert.Equal(0, store.Run("rules", "enable", newer).ExitCode);

        using (var serve = ServeProcess.Start("--data", store.Data, "--rules", rules, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), TimeSpan.FromSeconds(90)), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Contains(
                $"Registered rule revision replaced: rule {CliStore.RuleId}: the older revision from {older} (version 4) replaces the registered revision from {newer} (version 5), which is newer because version 5 is higher than 4.",
                serve.StandardError,
                StringComparison.Ordinal);
        }

        Assert.Equal(older, Registered(store).SourceFile);
    }

    private static CliRunner.CliResult RunFile(CliStore store, string file) =>
        store.Run("rules", "run", file, "--from", Range, "--to", "now");

    /// <summary>Reads the one registered rule from the store itself, not from a command's output.</summary>
    private static RuleStatus Registered(CliStore store)
    {
        using var opened = VigilStore.Open(store.Data);
        return Assert.Single(new RuleScheduler(opened).Status());
    }

    private static int ExecutionCount(CliStore store)
    {
        using var opened = VigilStore.Open(store.Data);
        return new RuleScheduler(opened).ExecutionLog(CliStore.RuleId, int.MaxValue).Count;
    }

    private static string WriteVersion(CliStore store, string file, int version, string name) =>
        store.WriteRule(file, ("version = 2", $"version = {version}"), (NameLine(CliStore.RuleName), NameLine(name)));

    /// <summary>Writes the rule as detection-rules does, without a version and with an update date.</summary>
    private static string WriteUpdated(CliStore store, string file, string updated, string name, bool withOutcome = true) =>
        store.WriteRule(
            file,
            ("version = 2\n", ""),
            ("[metadata]\n", $"[metadata]\nupdated_date = \"{updated}\"\n"),
            (NameLine(CliStore.RuleName), NameLine(name)),
            (OutcomeClause, withOutcome ? OutcomeClause : ""));

    private static string WriteUndated(CliStore store, string file, string name, bool withOutcome) =>
        store.WriteRule(
            file,
            ("version = 2\n", ""),
            (NameLine(CliStore.RuleName), NameLine(name)),
            (OutcomeClause, withOutcome ? OutcomeClause : ""));

    private static string NameLine(string name) => $"name = \"{name}\"";
}
