using System.Text.RegularExpressions;
using Vigil.Serve;
using Vigil.Store;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// <c>vigil serve</c> does not register a rule file whose query does not compile, at start or when
/// the file is edited while it runs, and keeps the registered revision running, as Kibana keeps the
/// old rule when it rejects an update.
/// </summary>
public class ServeInvalidRuleTests
{
    private const string ValidQuery = "event.outcome:success";

    private const string InvalidQuery = "event.action:(a";

    private const string OtherRuleId = "0f6d2c1e-5a4b-4c3d-9e8f-7a6b5c4d3e2f";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void InvalidCopyKeepsRegisteredRevision()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var good = store.WriteRule("good.toml", ("interval = \"5m\"", "interval = \"1s\""));
        Assert.Equal(0, store.Run("rules", "enable", good).ExitCode);
        var rules = Path.Combine(store.Folder, "rules");
        Directory.CreateDirectory(rules);
        var bad = store.WriteRule("rules/bad.toml", ("interval = \"5m\"", "interval = \"1s\""), (ValidQuery, InvalidQuery));

        using (var serve = ServeProcess.Start("--data", store.Data, "--rules", rules, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => ScheduledRuns(serve.StandardError, CliStore.RuleId) > 0, Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Contains(
                $"fail: vigil.serve[82] Rule file rejected: rule {CliStore.RuleId} not registered because its file is invalid: {bad}(",
                serve.StandardError,
                StringComparison.Ordinal);
            Assert.Contains("invalid KQL in rule.query at query offset", serve.StandardError, StringComparison.Ordinal);
            Assert.Contains("fix the query at this position", serve.StandardError, StringComparison.Ordinal);
            Assert.Contains($"The revision registered from {good} stays. It keeps running. vigil serve reads {bad} again", serve.StandardError, StringComparison.Ordinal);
            Assert.Equal(1, Regex.Count(serve.StandardError, "Rule file rejected"));
            Assert.Contains("rules running 1, rules not running 0,", serve.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("Registered rule revision replaced", serve.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("cannot run", serve.StandardError, StringComparison.Ordinal);
        }

        var registered = store.Registered(CliStore.RuleId);
        Assert.Equal(good, registered.SourceFile);
        Assert.Equal(0, registered.Revision);
    }

    [Fact]
    public void InvalidNewRuleIsNotCounted()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = Path.Combine(store.Folder, "rules");
        Directory.CreateDirectory(rules);
        store.WriteRule("rules/good.toml");
        var bad = store.WriteRule("rules/other.toml", ($"rule_id = \"{CliStore.RuleId}\"", $"rule_id = \"{OtherRuleId}\""), (ValidQuery, InvalidQuery));

        using (var serve = ServeProcess.Start("--data", store.Data, "--rules", rules, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Contains($"Rule file rejected: rule {OtherRuleId} not registered because its file is invalid: {bad}(", serve.StandardError, StringComparison.Ordinal);
            Assert.Contains("The rule does not run until the file is fixed.", serve.StandardError, StringComparison.Ordinal);
            Assert.Contains("rules running 1, rules not running 1,", serve.StandardError, StringComparison.Ordinal);
        }

        using var opened = VigilStore.Open(store.Data);
        Assert.Equal(CliStore.RuleId, Assert.Single(new RuleScheduler(opened).Status()).RuleId);
    }

    [Fact]
    public void InvalidEditKeepsRunningRevision()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = Path.Combine(store.Folder, "rules");
        Directory.CreateDirectory(rules);
        var file = store.WriteRule("rules/rule.toml", ("interval = \"5m\"", "interval = \"1s\""));

        using (var serve = ServeProcess.Start("--data", store.Data, "--rules", rules, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => ScheduledRuns(serve.StandardError, CliStore.RuleId) > 0, Patience), serve.StandardError);
            File.WriteAllText(file, File.ReadAllText(file).Replace(ValidQuery, InvalidQuery, StringComparison.Ordinal));
            Assert.True(Eventually.True(() => serve.StandardError.Contains("Rule file rejected", StringComparison.Ordinal), Patience), serve.StandardError);
            var rejectedAt = serve.StandardError.IndexOf("Rule file rejected", StringComparison.Ordinal);
            Assert.True(Eventually.True(() => ScheduledRuns(serve.StandardError[rejectedAt..], CliStore.RuleId) >= 2, Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Contains($"rule {CliStore.RuleId} not registered because its file is invalid: {file}(", serve.StandardError, StringComparison.Ordinal);
            Assert.Contains("It keeps running.", serve.StandardError, StringComparison.Ordinal);
            Assert.Equal(1, Regex.Count(serve.StandardError, "Rule file rejected"));
            Assert.DoesNotContain("cannot run", serve.StandardError, StringComparison.Ordinal);
        }

        var registered = store.Registered(CliStore.RuleId);
        Assert.Equal(0, registered.Revision);
        Assert.Equal(file, registered.SourceFile);
    }

    private static int ScheduledRuns(string log, string ruleId) =>
        Regex.Count(log, $@"Rule {Regex.Escape(ruleId)} run [0-9a-f-]{{36}} \(scheduled\)");
}
