using Vigil.Detect.Rules.BuiltIn;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil rules run</c> warns about a rule's exception lists, as hunt and serve do.</summary>
public class RulesRunExceptionListTests
{
    private const string Warning = "exceptions_list references an exception list (sts-automation-roles)";

    [Fact]
    public void RunWarnsOnce()
    {
        using var store = new CliStore();
        var rule = WriteRuleWithExceptionList(store);

        var run = store.Run("rules", "run", rule, "--from", "now-1h", "--to", "now");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, Occurrences(run.StandardError, Warning));
        Assert.Contains($"Rule {CliStore.RuleName} ({rule}):", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("alerts may include events the exceptions would remove", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("add its conditions to the rule's query as `and not (...)`", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void RunByRuleIdWarns()
    {
        using var store = new CliStore();
        Assert.Equal(0, store.Run("rules", "enable", WriteRuleWithExceptionList(store)).ExitCode);

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, Occurrences(run.StandardError, Warning));
    }

    [Fact]
    public void RunWithoutExceptionListQuiet()
    {
        using var store = new CliStore();
        var rule = store.WriteRule("plain.toml");

        var run = store.Run("rules", "run", rule, "--from", "now-1h", "--to", "now");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("exceptions_list", run.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Writes the built-in rule with an exception list reference added, and returns its path.</summary>
    private static string WriteRuleWithExceptionList(CliStore store)
    {
        var toml = AwsStsAssumeRoleUsage.Toml + """

            [[rule.exceptions_list]]
            id = "0c6f3a1e-7d2b-4e59-9a18-4b3c2d1e0f9a"
            list_id = "sts-automation-roles"
            namespace_type = "single"
            type = "detection"
            """;
        var path = Path.Combine(store.Folder, "with-exceptions.toml");
        File.WriteAllText(path, toml);
        return path;
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
