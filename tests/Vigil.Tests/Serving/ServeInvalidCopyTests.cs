using System.Text.RegularExpressions;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// <c>vigil serve</c> leaves out an invalid rule file before it compares the revisions and copies of
/// a <c>rule_id</c>, as a hunt does, so a valid file of that <c>rule_id</c> runs in its place.
/// </summary>
public class ServeInvalidCopyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly (string Old, string New) InvalidFrom = ("from = \"now-6m\"", "from = \"now-6x\"");

    private static readonly string Registered = $"Rule {CliStore.RuleId} ({CliStore.RuleName}) registered";

    [Fact]
    public void InvalidFirstCopy_ValidCopyRuns()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var invalid = store.WriteRule("rules/a.toml", InvalidFrom);
        var valid = store.WriteRule("rules/b.toml");

        var log = ServeUntilStarted(store, rules);

        Assert.Matches($@"Rule file rejected: rule {CliStore.RuleId} not registered because its file is invalid: {Regex.Escape(invalid)}\(\d+,1\): invalid rule.from ""now-6x""", log);
        Assert.Contains($"The rule runs from {valid} in its place, as in vigil hunt.", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule copy skipped", log, StringComparison.Ordinal);
        Assert.Contains("rules running 1, rules not running 0,", log, StringComparison.Ordinal);
        Assert.Contains("same-revision copies skipped 0,", log, StringComparison.Ordinal);
        Assert.Equal(valid, store.Registered(CliStore.RuleId).SourceFile);
    }

    [Fact]
    public void InvalidNewerRevision_OlderRuns()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var newer = store.WriteRule("rules/new.toml", InvalidFrom, ("version = 2\n", "version = 3\n"));
        var older = store.WriteRule("rules/old.toml");

        var log = ServeUntilStarted(store, rules);

        Assert.Contains($"Rule file rejected: rule {CliStore.RuleId} not registered because its file is invalid: {newer}(", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule revision skipped", log, StringComparison.Ordinal);
        Assert.Contains($"{Registered} (version 2)", log, StringComparison.Ordinal);
        Assert.Contains("rules running 1, rules not running 0, older rule revisions skipped 0,", log, StringComparison.Ordinal);
        Assert.Equal(older, store.Registered(CliStore.RuleId).SourceFile);
    }

    [Fact]
    public void BothCopiesInvalid_EachErrorLogged()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var first = store.WriteRule("rules/a.toml", InvalidFrom);
        var second = store.WriteRule("rules/b.toml", InvalidFrom);

        var log = ServeUntilStarted(store, rules);

        Assert.Contains($"its file is invalid: {first}(", log, StringComparison.Ordinal);
        Assert.Contains($"its file is invalid: {second}(", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule copy skipped", log, StringComparison.Ordinal);
        Assert.Contains("rules running 0, rules not running 1,", log, StringComparison.Ordinal);
    }

    [Fact]
    public void CopyTurnsInvalid_ValidCopyRegistered()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var first = store.WriteRule("rules/a.toml");
        var second = store.WriteRule("rules/b.toml");

        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        File.WriteAllText(first, File.ReadAllText(first).Replace(InvalidFrom.Old, InvalidFrom.New, StringComparison.Ordinal));
        var change = $"its registered copy {first} has an error, logged above, so the copy in {second} is registered in its place";
        Assert.True(Eventually.True(() => serve.StandardError.Contains(change, StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.Contains($"its file is invalid: {first}(", serve.StandardError, StringComparison.Ordinal);
        Assert.Contains($"The rule runs from {second} in its place", serve.StandardError, StringComparison.Ordinal);
        Assert.Equal(second, store.Registered(CliStore.RuleId).SourceFile);
    }

    [Fact]
    public void EarlierCopyRecreated_ReasonNamed()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var first = store.WriteRule("rules/a.toml", ("interval = \"5m\"", "interval = \"6m\""));
        var second = store.WriteRule("rules/b.toml");
        var text = File.ReadAllText(first);

        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        File.Delete(first);
        Assert.True(Eventually.True(() => store.Registered(CliStore.RuleId).SourceFile == second, Patience), serve.StandardError);
        File.WriteAllText(first, text);
        var change = $"its registered copy {second} has the same revision as an earlier copy in path order, so the copy in {first} is registered in its place";
        Assert.True(Eventually.True(() => serve.StandardError.Contains(change, StringComparison.Ordinal), Patience), serve.StandardError);
        var log = serve.StandardError;
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        var deleted = log[..log.IndexOf(change, StringComparison.Ordinal)];
        Assert.Contains($"its registered copy {first} was deleted", deleted, StringComparison.Ordinal);
        Assert.DoesNotContain("Registered rule revision replaced", deleted, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer contains it", log, StringComparison.Ordinal);
        Assert.Equal(first, store.Registered(CliStore.RuleId).SourceFile);
    }

    /// <summary>Starts vigil serve on <paramref name="rules"/>, stops it with SIGTERM once it has started, and returns its log.</summary>
    private static string ServeUntilStarted(CliStore store, string rules)
    {
        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        return serve.StandardError;
    }
}
