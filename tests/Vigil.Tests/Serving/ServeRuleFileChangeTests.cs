using System.Text.RegularExpressions;
using Vigil.Tests.Cli;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// <c>vigil serve</c> reads its <c>--rules</c> files again at each step: an edited rule runs from
/// its next run, a new file registers and runs, and a deleted file keeps its registration with one warning.
/// </summary>
public class ServeRuleFileChangeTests
{
    private const string NewRuleId = "0f6d2c1e-5a4b-4c3d-9e8f-7a6b5c4d3e2f";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The built-in rule's query, which matches only the role chains among the samples.</summary>
    private const string BuiltInQuery = "event.dataset:aws.cloudtrail and event.provider:sts.amazonaws.com and event.action:AssumeRole and\naws.cloudtrail.user_identity.session_context.session_issuer.type:Role and event.outcome:success";

    [Fact]
    public void EditedMaxSignalsAppliesAtNextRun()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        var file = WriteEveryEventRule(store, "rules/all.toml", maxSignals: 1);

        using (var serve = ServeRuleFiles.StartServe(store, rules))
        {
            Assert.True(Eventually.True(() => ScheduledAlertCounts(serve, CliStore.RuleId).Count > 0, Patience), serve.StandardError);
            File.WriteAllText(file, File.ReadAllText(file).Replace("max_signals = 1\n", "max_signals = 50\n", StringComparison.Ordinal));
            Assert.True(Eventually.True(() => serve.StandardError.Contains($"Rule file {file} changed: read again", StringComparison.Ordinal), Patience), serve.StandardError);
            var changedAt = serve.StandardError.IndexOf($"Rule file {file} changed", StringComparison.Ordinal);
            var enable = store.Run("rules", "enable", file);
            Assert.True(Eventually.True(() => ScheduledAlertCounts(serve, CliStore.RuleId, changedAt).Count > 0, Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            var before = ScheduledAlertCounts(serve, CliStore.RuleId, 0, changedAt);
            var after = ScheduledAlertCounts(serve, CliStore.RuleId, changedAt);
            Assert.All(before, created => Assert.True(created <= 1, $"a run before the edit created {created} alerts"));
            Assert.True(after[0] > 1, $"the first run after the edit created {after[0]} alerts:\n{serve.StandardError}");
            Assert.Equal(1, Occurrences(serve.StandardError, $"Rule file {file} changed: read again"));
            Assert.Equal(2, Occurrences(serve.StandardError, $"Rule {CliStore.RuleId} ({CliStore.RuleName}) registered"));
            Assert.Equal(0, enable.ExitCode);
            Assert.Contains("enabled; a running 'vigil serve' whose --rules include this file runs this revision from its next step.", enable.StandardOutput, StringComparison.Ordinal);
        }

        var registered = store.Registered(CliStore.RuleId);
        Assert.Equal(file, registered.SourceFile);
        Assert.Equal(1, registered.Revision);
    }

    [Fact]
    public void NewRuleFileRegistersAndRuns()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        WriteEveryEventRule(store, "rules/all.toml", maxSignals: 100);

        using (var serve = ServeRuleFiles.StartServe(store, rules))
        {
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
            var added = WriteNewRule(store, "rules/new.toml");
            Assert.True(Eventually.True(() => ScheduledAlertCounts(serve, NewRuleId).Count > 0, Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Contains($"Rule file {added} added: read again", serve.StandardError, StringComparison.Ordinal);
            Assert.Equal(1, Occurrences(serve.StandardError, $"Rule {NewRuleId} (New rule) registered"));
            Assert.Equal(1, Occurrences(serve.StandardError, $"Rule {CliStore.RuleId} ({CliStore.RuleName}) registered"));
        }

        Assert.Equal(Path.Combine(rules, "new.toml"), store.Registered(NewRuleId).SourceFile);
        Assert.Equal(0, store.Registered(NewRuleId).Revision);
    }

    [Fact]
    public void DeletedRuleFileKeepsRegistration()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var rules = ServeRuleFiles.CreateFolder(store);
        WriteEveryEventRule(store, "rules/all.toml", maxSignals: 100);
        var doomed = WriteNewRule(store, "rules/new.toml");
        var warning = $"Rule {NewRuleId} (New rule) no longer loads from {doomed}, because the file was deleted. It stays registered, and this vigil serve runs the revision it loaded until it stops; to stop the rule now, run 'vigil rules disable {NewRuleId}'.";

        using (var serve = ServeRuleFiles.StartServe(store, rules))
        {
            Assert.True(Eventually.True(() => ScheduledAlertCounts(serve, NewRuleId).Count > 0, Patience), serve.StandardError);
            File.Delete(doomed);
            Assert.True(Eventually.True(() => serve.StandardError.Contains(warning, StringComparison.Ordinal), Patience), serve.StandardError);

            // Two more runs of the rule show that it still runs, and give the warning time to repeat.
            var warnedAt = serve.StandardError.IndexOf(warning, StringComparison.Ordinal);
            Assert.True(Eventually.True(() => ScheduledAlertCounts(serve, NewRuleId, warnedAt).Count >= 2, Patience), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Equal(1, Occurrences(serve.StandardError, warning));
        }

        var registered = store.Registered(NewRuleId);
        Assert.Equal(doomed, registered.SourceFile);
        Assert.True(registered.Enabled);
    }

    /// <summary>The built-in rule every second over every stored CloudTrail event, at most <paramref name="maxSignals"/> alerts a window.</summary>
    private static string WriteEveryEventRule(CliStore store, string name, int maxSignals) =>
        store.WriteRule(
            name,
            ("interval = \"5m\"", "interval = \"1s\""),
            ("max_signals = 100\n", $"max_signals = {maxSignals}\n"),
            (BuiltInQuery, "event.dataset:aws.cloudtrail"));

    private static string WriteNewRule(CliStore store, string name) =>
        store.WriteRule(
            name,
            ("interval = \"5m\"", "interval = \"1s\""),
            ($"rule_id = \"{CliStore.RuleId}\"", $"rule_id = \"{NewRuleId}\""),
            ($"name = \"{CliStore.RuleName}\"", "name = \"New rule\""),
            (BuiltInQuery, "event.dataset:aws.cloudtrail"));

    /// <summary>
    /// Returns the alerts created by each scheduled run of <paramref name="ruleId"/> logged between
    /// the offsets <paramref name="from"/> and <paramref name="to"/> of the log, oldest first.
    /// </summary>
    private static List<long> ScheduledAlertCounts(ServeProcess serve, string ruleId, int from = 0, int to = int.MaxValue)
    {
        var log = serve.StandardError;
        var text = log[Math.Min(from, log.Length)..Math.Min(to, log.Length)];
        var pattern = $@"Rule {Regex.Escape(ruleId)} run [0-9a-f-]{{36}} \(scheduled\) window [^\n]*?alerts created (\d+)";
        return [.. Regex.Matches(text, pattern).Select(match => long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static int Occurrences(string text, string value) =>
        Regex.Count(text, Regex.Escape(value));
}
