using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil rules enable FILE</c> and <c>vigil rules run FILE</c> validate the file before they register it.</summary>
public class RulesEnableValidationTests
{
    private static readonly (string, string) BrokenQuery = ("event.outcome:success", "event.outcome:(success or");

    [Theory]
    [InlineData("event.outcome:(success or", "invalid KQL in rule.query")]
    [InlineData("source.ip:notanip", "Elasticsearch rejects the value `notanip` on the ip field `source.ip`")]
    public void EnableInvalidFileKeepsRevision(string query, string expected)
    {
        using var store = new CliStore();
        var good = store.WriteRule("good.toml");
        var bad = store.WriteRule("bad.toml", (BrokenQuery.Item1, query));

        var first = store.Run("rules", "enable", good);
        var second = store.Run("rules", "enable", bad);
        var status = store.Run("rules", "status");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"rule {CliStore.RuleId} not registered because its file is invalid: {bad}(", second.StandardError, StringComparison.Ordinal);
        Assert.Contains(expected, second.StandardError, StringComparison.Ordinal);
        Assert.Contains($"The revision registered from {good} stays.", second.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot run", status.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("broken.toml", "[rule\nname = \"x\"\n", "invalid TOML")]
    [InlineData("empty.toml", "", "the rule file is empty")]
    public void EnableUnreadableFileNamesItsProblem(string name, string text, string problem)
    {
        using var store = new CliStore();
        var path = Path.Combine(store.Folder, name);
        File.WriteAllText(path, text);

        var result = store.Run("rules", "enable", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"vigil rules enable: {path} not registered because it is invalid: {path}", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(problem, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--rules", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EnableTakenIdKeepsRule()
    {
        using var store = new CliStore();
        var good = store.WriteRule("good.toml");
        var copy = KibanaRuleJson.Write(Assert.Single(RuleLoader.LoadPaths([good]).Rules));
        copy["rule_id"] = "other-rule";
        copy["name"] = "Other rule";
        var other = Path.Combine(store.Folder, "other.json");
        File.WriteAllText(other, copy.ToJsonString());

        Assert.Equal(0, store.Run("rules", "enable", good).ExitCode);
        var enable = store.Run("rules", "enable", other);

        using var opened = Vigil.Store.VigilStore.Open(store.Data);
        var registered = Assert.Single(new Vigil.Serve.RuleScheduler(opened).Status());
        Assert.Equal(1, enable.ExitCode);
        Assert.Contains($"rule other-rule (Other rule) not registered: its id \"{copy["id"]}\" is already the id of registered rule {CliStore.RuleId}", enable.StandardError, StringComparison.Ordinal);
        Assert.Equal(CliStore.RuleId, registered.RuleId);
        Assert.Equal(0, registered.Revision);
    }

    [Fact]
    public void EnableUnrunnableTypeSaysWhy()
    {
        using var store = new CliStore();
        var eql = store.WriteRule("eql.toml", ("type = \"query\"", "type = \"eql\""), ("language = \"kuery\"", "language = \"eql\""));

        var enable = store.Run("rules", "enable", eql);

        Assert.Equal(0, enable.ExitCode);
        Assert.Contains("enabled, but it cannot run: rule type eql is not supported", enable.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("runs it at its next step", enable.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RunUnrunnableTypeSaysOnlyQueryRulesRun()
    {
        using var store = new CliStore();
        var eql = store.WriteRule("eql.toml", ("type = \"query\"", "type = \"eql\""), ("language = \"kuery\"", "language = \"eql\""));
        Assert.Equal(0, store.Run("rules", "enable", eql).ExitCode);

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("only query rules run. Its file is valid, so there is nothing in it to fix.", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Fix its file", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void RunInvalidFileRegistersNothing()
    {
        using var store = new CliStore();
        var bad = store.WriteRule("bad.toml", BrokenQuery);

        var run = store.Run("rules", "run", bad, "--from", "now-1h", "--to", "now");
        var status = store.Run("rules", "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"rule {CliStore.RuleId} not registered because its file is invalid", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Revision", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(CliStore.RuleId[..8], status.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RunUnrunnableRuleNamesRuleId()
    {
        using var store = new CliStore();
        var path = store.WriteRule("rule.toml");
        Assert.Equal(0, store.Run("rules", "enable", path).ExitCode);
        File.WriteAllText(path, File.ReadAllText(path).Replace(BrokenQuery.Item1, BrokenQuery.Item2, StringComparison.Ordinal));

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"vigil rules run: rule {CliStore.RuleId} cannot run: invalid query", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--help", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void FileEditedInvalidKeepsRevision()
    {
        using var store = new CliStore();
        var path = store.WriteRule("rule.toml");
        var other = store.WriteRule("other.toml", ("rule_id = \"" + CliStore.RuleId + "\"", "rule_id = \"other-rule\""));
        Assert.Equal(0, store.Run("rules", "enable", path).ExitCode);
        Assert.Equal(0, store.Run("rules", "enable", other).ExitCode);
        File.WriteAllText(path, File.ReadAllText(path).Replace(BrokenQuery.Item1, BrokenQuery.Item2, StringComparison.Ordinal));

        // Another rule's command loads every registered file again, the edited one included.
        Assert.Equal(0, store.Run("rules", "disable", "other-rule").ExitCode);
        Assert.Equal(0, store.Run("rules", "enable", "other-rule").ExitCode);
        var status = store.Run("rules", "status");

        using var opened = Vigil.Store.VigilStore.Open(store.Data);
        var registered = new Vigil.Serve.RuleScheduler(opened).Status().Single(rule => rule.RuleId == CliStore.RuleId);
        Assert.Equal(0, registered.Revision);
        Assert.Contains("cannot run", status.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "now-\uFF11h", "now")]
    [InlineData("--to", "now-1h", "yesterday")]
    public void RunInvalidTimeNamesOption(string option, string from, string to)
    {
        using var store = new CliStore();

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", from, "--to", to);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option}: invalid time", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void RunDateOnlyRangeSearchesWholeDay()
    {
        using var store = new CliStore();

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", "2026-12-01", "--to", "2026-12-01");

        // The built-in rule runs every 5 minutes, so one day is 288 windows.
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("288 windows:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void RunReversedRangePrintsKibanaTimes()
    {
        using var store = new CliStore();

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", "2026-12-05T10:46:40.8359560Z", "--to", "2026-12-05T09:46:40Z");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid range: the end 2026-12-05T09:46:40.000Z is before the start 2026-12-05T10:46:40.835Z. Swap the two times.", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", run.StandardError, StringComparison.Ordinal);
    }
}
