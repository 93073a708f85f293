using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Kibana rule filters, severity and risk score mappings and exception lists, loaded from real rule
/// files (a Kibana export and detection-rules TOML). They are hunted over six IAM CloudTrail
/// records: alice (twice, once denied), bob, carol, and mallory (twice, the second a password
/// policy change).
/// </summary>
public class RuleFilterHuntTests
{
    private static string Fixture(params string[] parts) => Path.Combine([RepoPaths.Fixtures, "filters", .. parts]);

    private static string CloudTrail => Fixture("cloudtrail");

    private static string Export => Fixture("rules", "kibana-export.ndjson");

    private static readonly Lazy<(HuntSummary Summary, CollectingSink Sink)> ExportHunt =
        new(() => CollectingSink.Hunt(RuleLoader.LoadPaths([Export]).Rules, CloudTrail));

    [Fact]
    public void NegatedPhraseFilter_Toml_RemovesMatchingEvents()
    {
        var alerts = Hunt(Fixture("rules", "negated-phrase.toml"));

        Assert.Equal(5, alerts.Count);
        Assert.DoesNotContain("bob", alerts.Select(UserName));
        Assert.Contains("alice", alerts.Select(UserName));
    }

    [Fact]
    public void NegatedPhraseFilter_Export_RemovesMatchingEvents()
    {
        var alerts = ExportAlerts("IAM changes without Terraform's user");

        Assert.Equal(5, alerts.Count);
        Assert.DoesNotContain("bob", alerts.Select(UserName));
    }

    [Fact]
    public void PhrasesFilter_KeepsListedValues()
    {
        var alerts = ExportAlerts("IAM user creation or deletion");

        Assert.Equal(["CreateUser", "CreateUser", "DeleteUser"], alerts.Select(Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExistsFilter_KeepsEventsWithTheField()
    {
        var alert = Assert.Single(ExportAlerts("IAM calls that returned an error"));

        Assert.Equal("CreateAccessKey", Action(alert));
        Assert.Equal("alice", UserName(alert));
    }

    [Fact]
    public void DisabledFilter_IsIgnored()
    {
        // The rule's disabled filter would remove alice's events; its enabled one keeps CreateUser.
        var alerts = ExportAlerts("IAM user creation with a disabled filter");

        Assert.Equal(["alice", "bob"], alerts.Select(UserName).Order(StringComparer.Ordinal));
        Assert.All(alerts, alert => Assert.Equal("CreateUser", Action(alert)));
    }

    [Fact]
    public void LegacyRangeFilter_KeepsValuesInRange()
    {
        var alert = Assert.Single(Hunt(Fixture("rules", "legacy-range.toml")));

        Assert.Equal("UpdateAccountPasswordPolicy", Action(alert));
    }

    [Fact]
    public void UnsupportedFilter_SkipsRuleWithReason()
    {
        var summary = ExportHunt.Value.Summary;

        var skipped = Assert.Single(summary.RulesSkipped);
        Assert.Equal("IAM changes with a query_string filter", skipped.Rule.Name);
        Assert.Contains("filters[0]", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("query_string query", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("move the condition into the rule's KQL query", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(summary.RulesRun, rule => rule.Name == skipped.Rule.Name);
    }

    [Fact]
    public void SeverityMapping_RaisesMatchingEventOnly()
    {
        var alerts = ExportAlerts("IAM changes rated by who made them");

        Assert.Equal(6, alerts.Count);
        Assert.All(alerts.Where(alert => UserName(alert) == "mallory"), alert => Assert.Equal("critical", Text(alert, "kibana.alert.severity")));
        Assert.All(alerts.Where(alert => UserName(alert) is "bob" or "carol"), alert => Assert.Equal("high", Text(alert, "kibana.alert.severity")));
    }

    [Fact]
    public void SeverityMapping_SummaryKeepsHighest()
    {
        var summary = ExportHunt.Value.Summary;
        var rule = summary.RulesRun.Single(rule => rule.Name == "IAM changes rated by who made them");

        Assert.Equal("high", rule.Severity);
        Assert.Equal("critical", summary.HighestSeverityByRule[rule]);
    }

    [Fact]
    public void SeverityMapping_CliSummaryShowsHighest()
    {
        var result = CliRunner.Run("hunt", CloudTrail, "--rules", Export, "--format", "ndjson");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"IAM changes rated by who made them +critical +6 ", result.StandardError);
    }

    [Fact]
    public void SeverityMapping_CanLowerSeverity()
    {
        // Kibana applies the matching entry even when its severity is below the rule's own.
        var alerts = ExportAlerts("IAM changes rated by who made them").Where(alert => UserName(alert) == "alice").ToList();

        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, alert => Assert.Equal("low", Text(alert, "kibana.alert.severity")));
    }

    [Fact]
    public void SeverityMapping_KeepsRuleFields()
    {
        var alert = ExportAlerts("IAM changes rated by who made them").First(alert => UserName(alert) == "mallory");

        Assert.Equal("high", Text(alert, "kibana.alert.rule.severity"));
        Assert.Equal("high", alert["kibana.alert.rule.parameters"]!["severity"]!.GetValue<string>());
        Assert.Equal(2, alert["kibana.alert.rule.severity_mapping"]!.AsArray().Count);
        Assert.EndsWith("created critical alert IAM changes rated by who made them.", Text(alert, "kibana.alert.reason"), StringComparison.Ordinal);
    }

    [Fact]
    public void RiskScoreMapping_UsesEventValue()
    {
        var alerts = ExportAlerts("IAM changes rated by the password age");

        var policy = Assert.Single(alerts, alert => Action(alert) == "UpdateAccountPasswordPolicy");
        Assert.Equal(90, policy["kibana.alert.risk_score"]!.GetValue<int>());
        Assert.Equal(21, policy["kibana.alert.rule.risk_score"]!.GetValue<int>());
        Assert.Equal(21, policy["kibana.alert.rule.parameters"]!["risk_score"]!.GetValue<int>());
        Assert.All(alerts.Where(alert => alert != policy), alert => Assert.Equal(21, alert["kibana.alert.risk_score"]!.GetValue<int>()));
    }

    [Fact]
    public void ExceptionsList_WrittenToAlertAsDeclared()
    {
        var alerts = Hunt(Fixture("rules", "exceptions-list.toml"));

        Assert.Equal(2, alerts.Count);
        var declared = alerts[0]["kibana.alert.rule.parameters"]!["exceptions_list"]!;
        var written = alerts[0]["kibana.alert.rule.exceptions_list"]!;
        Assert.True(JsonNode.DeepEquals(declared, written), $"{written.ToJsonString()} differs from {declared.ToJsonString()}");
        Assert.Equal("aws-automation-users", written[0]!["list_id"]!.GetValue<string>());
    }

    [Fact]
    public void ExceptionsList_HuntWarnsOncePerRule()
    {
        var result = CliRunner.Run("hunt", CloudTrail, "--rules", Fixture("rules", "exceptions-list.toml"), "--rules", Export);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, Occurrences(result.StandardError, "exceptions_list references an exception list (aws-automation-users)"));
        Assert.Contains("alerts may include events the exceptions would remove", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ExceptionsList_ValidateWarns()
    {
        var result = CliRunner.Run("rules", "validate", Fixture("rules", "exceptions-list.toml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("exceptions-list.toml(27,1): warning:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("alerts may include events the exceptions would remove", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 valid, 0 errors, 1 warning", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondRiskScoreEntry_ValidateWarns()
    {
        var result = CliRunner.Run("rules", "validate", Fixture("rules", "two-risk-score-entries.toml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("two-risk-score-entries.toml(", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("risk_score_mapping has 2 entries, but Kibana's detection engine reads only the first entry's field", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 valid, 0 errors, 1 warning", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ExceptionsList_LintWarns()
    {
        var result = CliRunner.Run("rules", "lint", Fixture("rules", "exceptions-list.toml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning VR015: exceptions_list references an exception list (aws-automation-users)", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedFilter_SummaryStaysNarrow()
    {
        var result = CliRunner.Run("hunt", CloudTrail, "--rules", Export, "--format", "ndjson");

        // The summary's grid shortens the reason, and the line after the summary gives it whole.
        var summary = result.StandardError.Split('\n').TakeWhile(line => !line.StartsWith("Rule skipped:", StringComparison.Ordinal)).ToList();
        Assert.Contains(summary, line => line.Contains("Vigil cannot apply a query_string", StringComparison.Ordinal));
        Assert.All(summary.Where(line => !line.StartsWith("warn", StringComparison.Ordinal) && !line.Contains('─')), line => Assert.True(line.Length <= 100, line));
        Assert.Contains("Rule skipped: IAM changes with a query_string filter", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedFilter_ValidateAndLintWarn()
    {
        var validate = CliRunner.Run("rules", "validate", Export);
        var lint = CliRunner.Run("rules", "lint", Export);

        Assert.Equal(0, validate.ExitCode);
        Assert.Contains("kibana-export.ndjson(5,1): warning: rule \"IAM changes with a query_string filter\": hunt and serve skip this rule", validate.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, lint.ExitCode);
        Assert.Contains("warning VR016: hunt and serve skip this rule: filter filters[0]", lint.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void ElasticAwsPack_NoQueryRuleSkipped()
    {
        var folder = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var rules = RuleLoader.LoadPaths([folder]).Rules;

        var (runnable, skipped) = RulePreparation.Prepare(rules, new HuntOptions([folder]), FieldMapping.CloudTrail);
        // The pack's history/ folder contains three older revisions of the AssumeRole rule, which a hunt skips.
        var olderRevisions = skipped.Where(rule => rule.Reason.StartsWith("older revision of rule_id", StringComparison.Ordinal)).ToList();
        var skippedQueryRules = skipped.Except(olderRevisions).Where(rule => rule.Rule.Type == "query" && rule.Rule.Language == "kuery").ToList();

        Assert.NotEmpty(runnable);
        Assert.Equal(3, olderRevisions.Count);
        Assert.All(olderRevisions, rule => Assert.Contains($"{Path.DirectorySeparatorChar}history{Path.DirectorySeparatorChar}", rule.Rule.SourcePath, StringComparison.Ordinal));
        Assert.All(skippedQueryRules, rule => Assert.StartsWith("filter filters[", rule.Reason, StringComparison.Ordinal));
        Assert.All(skipped, rule => Assert.DoesNotContain("_mapping", rule.Reason, StringComparison.Ordinal));
    }

    private static List<JsonObject> Hunt(string rules)
    {
        var loaded = RuleLoader.LoadPaths([rules]);
        Assert.Empty(loaded.Errors);
        var (summary, sink) = CollectingSink.Hunt(loaded.Rules, CloudTrail);
        Assert.Empty(summary.RulesSkipped);
        return sink.Alerts.Select(alert => alert.Alert).ToList();
    }

    private static List<JsonObject> ExportAlerts(string ruleName) =>
        ExportHunt.Value.Sink.Alerts.Where(alert => alert.Rule.Name == ruleName).Select(alert => alert.Alert).ToList();

    private static string UserName(JsonObject alert) => alert["user"]!["name"]!.GetValue<string>();

    private static string Action(JsonObject alert) => alert["event"]!["action"]!.GetValue<string>();

    private static string Text(JsonObject alert, string key) => alert[key]!.GetValue<string>();

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
