using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

public class TomlAndMarkdownFormatTests
{
    [Fact]
    public void PackRoundTripsThroughToml()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");

        foreach (var rule in RuleLoader.LoadPaths([pack]).Rules)
        {
            var again = RuleLoader.ParseToml(TomlRuleWriter.Write(rule), rule.SourcePath);

            Assert.True(JsonNode.DeepEquals(KibanaRuleJson.Write(rule), KibanaRuleJson.Write(again)), rule.SourcePath);
        }
    }

    [Fact]
    public void DocsPageMatchesHistoryToml()
    {
        var page = RepoPaths.SharedOrSkip("aws-sts-assumerole-usage.md");
        var history = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws", "history");
        var toml = RuleLoader.ParseToml(File.ReadAllText(Directory.GetFiles(history, "*as-documented.toml").Single()), null);

        var rule = Assert.Single(RuleLoader.LoadPaths([page]).Rules);

        Assert.Equal(toml.Name, rule.Name);
        Assert.Equal(Words(toml.Description), Words(rule.Description));
        Assert.Equal(toml.Type, rule.Type);
        Assert.Equal(toml.Index, rule.Index);
        Assert.Equal(toml.Severity, rule.Severity);
        Assert.Equal(toml.RiskScore, rule.RiskScore);
        Assert.Equal(toml.Interval, rule.Interval);
        Assert.Equal(toml.From, rule.From);
        Assert.Equal(toml.MaxSignals, rule.MaxSignals);
        Assert.Equal(toml.References, rule.References);
        Assert.Equal(toml.Author, rule.Author);
        Assert.Equal(toml.License, rule.License);
        Assert.Equal(toml.Language, rule.Language);
        Assert.Equal(toml.Query, rule.Query);
        Assert.Equal(RuleApiJson.Threat(toml.Threat).ToJsonString(), RuleApiJson.Threat(rule.Threat).ToJsonString());
    }

    [Fact]
    public void DocsPageLintPointsAtAssumedRole()
    {
        var page = RepoPaths.SharedOrSkip("aws-sts-assumerole-usage.md");
        var rule = Assert.Single(RuleLoader.LoadPaths([page]).Rules);

        var finding = Assert.Single(RuleLinter.Lint(rule));

        var lines = File.ReadAllLines(page);
        var line = Array.FindIndex(lines, text => text.Contains("event.action:AssumedRole", StringComparison.Ordinal));
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(line + 1, finding.Line);
        Assert.Equal(lines[line].IndexOf("AssumedRole", StringComparison.Ordinal) + 1, finding.Column);
        Assert.StartsWith("did you mean AssumeRole", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownRoundTrips()
    {
        var rule = RuleLoader.LoadPaths([TestPaths.RuleFixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single();
        using var folder = new TempDirectory();
        var page = Path.Combine(folder.Path, "rule.md");
        File.WriteAllText(page, DocsPageMarkdown.Write(rule));

        var again = Assert.Single(RuleLoader.LoadPaths([page]).Rules);

        Assert.Equal(rule.Query.Trim(), again.Query.Trim());
        Assert.Equal(rule.Tags, again.Tags);
        Assert.Equal(RuleApiJson.Threat(rule.Threat).ToJsonString(), RuleApiJson.Threat(again.Threat).ToJsonString());
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
