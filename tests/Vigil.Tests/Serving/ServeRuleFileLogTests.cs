using System.Text.RegularExpressions;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// Each rule file change that <c>vigil serve</c> reads while it runs logs what became of the rule,
/// and a file that does not load is logged and counted as a rejected one.
/// </summary>
public class ServeRuleFileLogTests
{
    private const string OtherRuleId = "0f6d2c1e-5a4b-4c3d-9e8f-7a6b5c4d3e2f";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void OlderUpdatedDateIsLogged()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var file = store.WriteRule("rules/rule.toml", ("maturity = \"production\"\n", "maturity = \"production\"\nupdated_date = \"2024/06/01\"\n"));

        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        File.WriteAllText(file, File.ReadAllText(file).Replace("2024/06/01", "2023/01/01", StringComparison.Ordinal));
        Assert.True(Eventually.True(() => serve.StandardError.Contains("Rule " + CliStore.RuleId + " (" + CliStore.RuleName + ") registered (version 2, updated 2023/01/01)", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("updated 2024/06/01 is later than 2023/01/01", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.Contains($"Rule file {file} changed: read again", serve.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(serve.StandardError, "though its revision is older"));
    }

    [Fact]
    public void OlderEditAfterEmptyReadIsLogged()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var file = store.WriteRule("rules/rule.toml", ("maturity = \"production\"\n", "maturity = \"production\"\nupdated_date = \"2024/06/01\"\n"));
        var text = File.ReadAllText(file);

        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);

        // An editor that truncates the file before it writes: serve may read it empty in between.
        File.WriteAllText(file, "");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("the rule file is empty", StringComparison.Ordinal), Patience), serve.StandardError);
        File.WriteAllText(file, text.Replace("2024/06/01", "2023/01/01", StringComparison.Ordinal));
        Assert.True(Eventually.True(() => serve.StandardError.Contains("updated 2024/06/01 is later than 2023/01/01", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.Equal(1, Regex.Count(serve.StandardError, "though its revision is older"));
    }

    [Fact]
    public void DeletedRegisteredCopyIsReplaced()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var first = store.WriteRule("rules/copy1.toml");
        var second = store.WriteRule("rules/copy2.toml");

        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        var registered = store.Registered(CliStore.RuleId).SourceFile!;
        var remaining = registered == first ? second : first;
        File.Delete(registered);
        var change = $"Rule {CliStore.RuleId} ({CliStore.RuleName}): its registered copy {registered} was deleted, so the copy in {remaining} is registered in its place, as at a restart of vigil serve.";
        Assert.True(Eventually.True(() => serve.StandardError.Contains(change, StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.Equal(1, Regex.Count(serve.StandardError, Regex.Escape(change)));
        Assert.DoesNotContain("no longer loads from", serve.StandardError, StringComparison.Ordinal);
        Assert.Equal(remaining, store.Registered(CliStore.RuleId).SourceFile);
    }

    [Fact]
    public void RejectedRuleLeavingIsNotRunning()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        store.WriteRule("rules/good.toml");
        var bad = store.WriteRule("rules/bad.toml", ($"rule_id = \"{CliStore.RuleId}\"", $"rule_id = \"{OtherRuleId}\""), ("from = \"now-6m\"\n", "from = \"now-6m\"\nto = \"now-10m\"\n"));

        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        File.WriteAllText(bad, File.ReadAllText(bad).Replace(OtherRuleId, "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", StringComparison.Ordinal));
        var warning = $"Rule {OtherRuleId} ({CliStore.RuleName}) no longer loads from {bad}, because the file no longer contains it. This vigil serve was not running it: it was never registered, so nothing changes.";
        Assert.True(Eventually.True(() => serve.StandardError.Contains(warning, StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.Contains("rules running 1, rules not running 1,", serve.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("runs the revision it loaded", serve.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8FileIsRejected()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        store.WriteRule("rules/good.toml");
        var latin1 = store.WriteRule("rules/latin1.toml", ($"rule_id = \"{CliStore.RuleId}\"", $"rule_id = \"{OtherRuleId}\""));
        var bytes = File.ReadAllBytes(latin1).ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'A'), [0xE9]);
        File.WriteAllBytes(latin1, [.. bytes]);

        using var serve = ServeRuleFiles.StartServe(store, rules);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.Contains($"fail: vigil.serve[82] Rule file rejected: {latin1}(", serve.StandardError, StringComparison.Ordinal);
        Assert.Contains("is not valid UTF-8: byte 0xE9", serve.StandardError, StringComparison.Ordinal);
        Assert.Contains("rules running 1, rules not running 1,", serve.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule not loaded", serve.StandardError, StringComparison.Ordinal);
    }
}
