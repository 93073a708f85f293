using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Tests.Detect.Rules;

/// <summary>The [metadata] dates must be YYYY/MM/DD calendar days, as detection-rules requires.</summary>
public class MetadataDateTests
{
    private static string RuleText(string metadataLine) =>
        File.ReadAllText(TestPaths.RuleFixture("aws-sts-assumerole-usage-v2.toml"))
            .Replace("[metadata]\n", $"[metadata]\n{metadataLine}\n", StringComparison.Ordinal);

    [Theory]
    [InlineData("updated_date", "yesterday")]
    [InlineData("updated_date", "2026/13/45")]
    [InlineData("updated_date", "2026/12/32")]
    [InlineData("updated_date", "0000/00/00")]
    [InlineData("updated_date", "2026/1/2")]
    [InlineData("creation_date", "2026/02/30")]
    [InlineData("deprecation_date", "next week")]
    public void InvalidDateRejected(string key, string value)
    {
        var text = RuleText($"{key} = \"{value}\"").Replace("creation_date = \"2021/05/17\"\n", key == "creation_date" ? "" : "creation_date = \"2021/05/17\"\n", StringComparison.Ordinal);

        var loaded = RuleLoader.TryParseToml(text, "r.toml", out _, out var errors);

        Assert.False(loaded);
        var error = Assert.Single(errors);
        Assert.Contains($"invalid metadata.{key} \"{value}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("YYYY/MM/DD", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void UnquotedTomlDateNamesValue()
    {
        var loaded = RuleLoader.TryParseToml(RuleText("updated_date = 2026-01-02"), "r.toml", out _, out var errors);

        Assert.False(loaded);
        var error = Assert.Single(errors).Message;
        Assert.Contains("invalid metadata.updated_date 2026-01-02", error, StringComparison.Ordinal);
        Assert.Contains("\"2026/01/02\"", error, StringComparison.Ordinal);
        Assert.DoesNotContain("TomlDateTime", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidDateLoads()
    {
        var loaded = RuleLoader.TryParseToml(RuleText("updated_date = \"2024/02/29\""), "r.toml", out var rule, out _);

        Assert.True(loaded);
        Assert.Equal("2024/02/29", rule!.Metadata.UpdatedDate);
    }

    [Fact]
    public void InvalidUpdatedAtNamedInRevision()
    {
        var withUpdatedAt = new DetectionRule
        {
            RuleId = "r",
            Uuid = "u",
            Name = "n",
            Description = "d",
            Type = "query",
            Severity = "low",
            RiskScore = 21,
            OtherFields = new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["updated_at"] = "yesterday" },
        };

        Assert.Equal("no version, invalid updated_at \"yesterday\"", RuleRevisionOrder.Describe(withUpdatedAt));
        Assert.Contains("invalid updated_at \"yesterday\"", RuleRevisionOrder.UpdatedAtProblem(withUpdatedAt), StringComparison.Ordinal);
    }
}
