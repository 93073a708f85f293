namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil rules run</c> on a registered rule whose file is gone names the file and the fix, and
/// exits 1 as for another rule that cannot run.
/// </summary>
public sealed class RulesRunMissingFileTests
{
    [Fact]
    public void MissingFileNamedWithFix()
    {
        using var store = new CliStore();
        var rule = store.WriteRule("moved.toml");
        Assert.Equal(0, store.Run("rules", "enable", rule).ExitCode);
        File.Delete(rule);

        var result = store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"vigil rules run: rule {CliStore.RuleId} is registered but cannot run: its file {rule} is not found.", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("'vigil rules enable FILE'", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Load the rule files", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--help' for usage", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithoutRuleNamedWithFix()
    {
        using var store = new CliStore();
        var rule = store.WriteRule("edited.toml");
        Assert.Equal(0, store.Run("rules", "enable", rule).ExitCode);
        File.WriteAllText(rule, "[rule]\nname = \"broken\"\n");

        var result = store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"its file {rule} does not load or no longer contains the rule", result.StandardError, StringComparison.Ordinal);
    }
}
