using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

public class EmptyWindowLintTests
{
    private const string Rule = """
        [rule]
        rule_id = "00000000-0000-4000-8000-000000000043"
        name = "Future window"
        description = "A window that starts after it ends."
        type = "query"
        severity = "low"
        risk_score = 21
        index = ["logs-aws.cloudtrail-*"]
        from = "now+5m"
        query = "event.action:AssumeRole"
        """;

    [Fact]
    public void FromAfterToIsError()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "future.toml");
        File.WriteAllText(path, Rule);
        var rule = RuleLoader.ParseToml(Rule, path);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.EmptyWindow);

        Assert.Equal("VR023", finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(9, finding.Line);
        Assert.Equal(
            "invalid rule.from \"now+5m\": it must be before rule.to \"now\", or every run searches an empty window and reports a gap",
            finding.Message);
        Assert.Equal("set a time before rule.to, such as \"now-6m\" with the default rule.to \"now\"", finding.Fix);
    }

    [Fact]
    public void FromBeforeToHasNoFinding()
    {
        var rule = RuleLoader.ParseToml(Rule.Replace("now+5m", "now-6m", StringComparison.Ordinal), "window.toml");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.EmptyWindow);
    }
}
