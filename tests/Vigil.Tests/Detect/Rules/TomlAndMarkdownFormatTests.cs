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

    [Fact]
    public void MarkdownEscapesSectionLookalikes()
    {
        var fixture = File.ReadAllText(TestPaths.RuleFixture("aws-sts-assumerole-usage-v2.toml"));
        var text = fixture
            .Replace("name = \"AWS Security Token Service (STS) AssumeRole Usage\"", "name = \"Role use [beta]\"", StringComparison.Ordinal)
            .Replace("[rule]\n", "[rule]\nsetup = \"Enable the **Severity**: field.\"\n", StringComparison.Ordinal);
        text = ReplaceString(text, "description", "Looks for AssumeRole.\n\n## Rule query\n\n```js\nevent.action:NeverMatches\n```\n\n**Severity**: critical\n\\## Setup\nEnd.");
        text = ReplaceString(text, "note", "## Setup\n\nRead this.\n\n## Rule query\n\n**Risk score**: 99");
        var rule = RuleLoader.ParseToml(text, "rule.toml");
        using var folder = new TempDirectory();
        var page = Path.Combine(folder.Path, "rule.md");
        File.WriteAllText(page, DocsPageMarkdown.Write(rule));

        var again = Assert.Single(RuleLoader.LoadPaths([page]).Rules);

        Assert.Equal(rule.Name, again.Name);
        Assert.Equal(rule.Description, again.Description);
        Assert.Equal(rule.Note, again.Note);
        Assert.Equal(rule.Setup, again.Setup);
        Assert.Equal(rule.Query.Trim(), again.Query.Trim());
        Assert.Equal(rule.Severity, again.Severity);
        Assert.Equal(rule.RiskScore, again.RiskScore);
        Assert.Equal(rule.TimestampOverride, again.TimestampOverride);
        Assert.Equal(RuleApiJson.Threat(rule.Threat).ToJsonString(), RuleApiJson.Threat(again.Threat).ToJsonString());
    }

    [Fact]
    public void DocsPageGuideIsNote()
    {
        var page = RepoPaths.SharedOrSkip("aws-sts-assumerole-usage.md");

        var rule = Assert.Single(RuleLoader.LoadPaths([page]).Rules);

        Assert.Equal("## Config\n\nThe AWS Fleet integration, Filebeat module, or similarly structured data is required to be compatible with this rule.", rule.Note);
        Assert.Null(rule.Setup);
    }

    [Fact]
    public void TwoQuerySectionsRejected()
    {
        var rule = RuleLoader.LoadPaths([TestPaths.RuleFixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single();
        var markdown = DocsPageMarkdown.Write(rule);
        var text = markdown.Replace("**Rule type**", "## Rule query\n\n```js\nevent.action:NeverMatches\n```\n\n**Rule type**", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var first = Array.IndexOf(lines, "## Rule query") + 1;
        var second = Array.LastIndexOf(lines, "## Rule query") + 1;

        var read = DocsPageMarkdown.TryRead(text, "rule.md", out _, out var errors);

        Assert.False(read);
        var error = Assert.Single(errors);
        Assert.NotEqual(first, second);
        Assert.Equal(second, error.Line);
        Assert.Contains($"two ## Rule query sections, at lines {first} and {second}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Replaces the TOML value of <paramref name="key"/> in <c>[rule]</c> with <paramref name="value"/> as a basic string.</summary>
    private static string ReplaceString(string toml, string key, string value)
    {
        var start = toml.IndexOf($"\n{key} = ", StringComparison.Ordinal);
        var valueStart = start + key.Length + 4;
        var end = toml.AsSpan(valueStart).StartsWith("\"\"\"", StringComparison.Ordinal)
            ? toml.IndexOf("\"\"\"", valueStart + 3, StringComparison.Ordinal) + 3
            : toml.IndexOf('\n', valueStart);
        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return toml[..(start + 1)] + $"{key} = \"{escaped}\"" + toml[end..];
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
