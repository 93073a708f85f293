using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules.Lint;
using Vigil.Map;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Rules that can never fire, from public bug reports: a provider that does not log the action,
/// and event names that CloudTrail never writes (PassRole, unversioned Lambda names).
/// </summary>
public class RuleLogicCaseTests
{
    private const string ProviderCase = "018-rule-impossible-provider-action-pair";
    private const string EventNameCase = "019-rule-nonexistent-or-versioned-event-names";

    public static TheoryData<string> ProviderCaseRules() =>
        ["rule-route-as-published.toml", "rule-route-fixed.toml", "rule-eventbridge-as-published.toml"];

    [Theory]
    [MemberData(nameof(ProviderCaseRules))]
    public void ProviderCaseLintMatchesExpected(string file)
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", ProviderCase);
        var expected = Expected(folder)["lint_warnings"]!.AsArray().Select(node => node!.GetValue<string>()).ToList();

        var problems = LintRules.Problems(LintRules.FromMinimalToml(Path.Combine(folder, file)));

        Assert.Equal(expected.Contains(file), problems.Count > 0);
    }

    [Theory]
    [MemberData(nameof(ProviderCaseRules))]
    public void ProviderCaseAlertsMatchExpected(string file)
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", ProviderCase);
        var expected = Expected(folder)["alerts"]![file]!.GetValue<int>();
        var query = LintRules.FromMinimalToml(Path.Combine(folder, file)).Query;

        Assert.Equal(expected, Matches(folder, query));
    }

    [Fact]
    public void EventNameCaseNamesFlagged()
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", EventNameCase);
        var expected = Expected(folder)["lint_warnings"]!.AsArray().Select(node => node!.GetValue<string>()).ToList();
        var rule = LintRules.FromQuery(File.ReadAllText(Path.Combine(folder, "q-as-written.kql")));

        var problems = LintRules.Problems(rule);

        foreach (var name in expected)
        {
            Assert.Contains(problems, finding => finding.Message.Contains($"\"{name}\"", StringComparison.Ordinal));
        }

        Assert.Equal(expected.Count, problems.Count);
    }

    [Theory]
    [InlineData("q-prefix.kql")]
    [InlineData("q-update.kql")]
    public void EventNameCasePrefixQueriesClean(string file)
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", EventNameCase);

        var problems = LintRules.Problems(LintRules.FromQuery(File.ReadAllText(Path.Combine(folder, file))));

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("q-as-written.kql")]
    [InlineData("q-prefix.kql")]
    [InlineData("q-update.kql")]
    public void EventNameCaseMatchesExpected(string file)
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", EventNameCase);
        var expected = Expected(folder)[file]!["matches"]!.GetValue<int>();

        Assert.Equal(expected, Matches(folder, File.ReadAllText(Path.Combine(folder, file))));
    }

    [Fact]
    public void PassRoleFixNamesCallingEvent()
    {
        var rule = LintRules.FromQuery("event.provider:lambda.amazonaws.com and event.action:PassRole");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.ActionIsPermission, finding.Id);
        Assert.Contains("CreateFunction20150331", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void BareCreateFunctionSuggestsVersion()
    {
        var rule = LintRules.FromQuery("event.provider:lambda.amazonaws.com and event.action:CreateFunction");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Contains("CreateFunction20150331", finding.Fix, StringComparison.Ordinal);
    }

    private static JsonNode Expected(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")))!;

    private static int Matches(string folder, string query)
    {
        var compiled = Kql.Compile(query, FieldMapping.CloudTrail);
        Assert.True(compiled.Success, compiled.Error?.Message);

        var records = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "event.json")))!["Records"]!.AsArray();
        return records.Count(record => compiled.Predicate!(CloudTrailMapper.Map(record!.AsObject()).Document));
    }
}
