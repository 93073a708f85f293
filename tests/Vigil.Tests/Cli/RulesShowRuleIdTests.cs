using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A <c>--rule-id</c> of <c>vigil rules show</c> that the file does not contain is a rule not found,
/// as in the store commands: exit 1 and an error that names the rule_id and the file, without the
/// usage line of an invalid command line.
/// </summary>
public class RulesShowRuleIdTests
{
    private const string RuleId = "93075852-b0f5-4b8b-89c3-a226efae5726";

    private static readonly string Rule = Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v1.toml");

    [Fact]
    public void UnknownRuleId_ExitsOne()
    {
        var result = CliRunner.Run("rules", "show", Rule, "--rule-id", "no-such-rule");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"vigil rules show: {Rule} has no rule with rule_id \"no-such-rule\"; give one of its rule_ids: {RuleId}\n", result.StandardError);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void MistypedRuleId_NamesNearest()
    {
        var mistyped = RuleId[..^1] + "7";

        var result = CliRunner.Run("rules", "show", Rule, "--rule-id", mistyped);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"vigil rules show: {Rule} has no rule with rule_id \"{mistyped}\"; did you mean {RuleId}?\n", result.StandardError);
    }
}
