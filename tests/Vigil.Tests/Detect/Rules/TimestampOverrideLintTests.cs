using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;

namespace Vigil.Tests.Detect.Rules;

public class TimestampOverrideLintTests
{
    private const string Rule = """
        [rule]
        rule_id = "00000000-0000-4000-8000-000000000041"
        name = "Override rule"
        description = "Window on another time field."
        type = "query"
        severity = "low"
        risk_score = 21
        index = ["logs-aws.cloudtrail-*"]
        timestamp_override = "event.created"
        query = "event.action:AssumeRole"
        """;

    [Fact]
    public void OtherFieldIsWarning()
    {
        var rule = RuleLoader.ParseToml(Rule, "override.toml");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.TimestampOverrideNotScheduled);

        Assert.Equal("VR018", finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(
            "timestamp_override \"event.created\" cannot be scheduled: serve and rules run register the rule but never run it, because their store indexes only @timestamp and event.ingested; hunt runs it with the window on event.created",
            finding.Message);
        Assert.Equal("set timestamp_override to event.ingested, or remove it to use @timestamp", finding.Fix);
    }

    [Theory]
    [InlineData("event.ingested")]
    [InlineData("@timestamp")]
    public void StoredFieldHasNoFinding(string field)
    {
        var rule = RuleLoader.ParseToml(Rule.Replace("event.created", field, StringComparison.Ordinal), "override.toml");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.TimestampOverrideNotScheduled);
    }

    [Fact]
    public void NoOverrideHasNoFinding()
    {
        var rule = RuleLoader.ParseToml(Rule.Replace("timestamp_override = \"event.created\"\n", "", StringComparison.Ordinal), "override.toml");

        Assert.Null(rule.TimestampOverride);
        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.TimestampOverrideNotScheduled);
    }
}
