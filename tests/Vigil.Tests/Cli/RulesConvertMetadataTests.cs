using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Validation;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// TOML written by <c>rules convert</c> carries the <c>[metadata]</c> dates detection-rules requires,
/// <c>rules validate</c> warns about a TOML rule without them, and <c>rules show</c> writes only
/// the keys the rule file sets.
/// </summary>
public sealed class RulesConvertMetadataTests : IDisposable
{
    private const string MinimalRule = """
        [rule]
        description = "d"
        name = "Minimal"
        risk_score = 21
        rule_id = "00000000-0000-0000-0000-00000000abcd"
        severity = "low"
        type = "query"
        index = ["logs-aws.cloudtrail-*"]
        query = "event.action:AssumeRole"
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ConvertDatesFromKibanaTimestamps()
    {
        var export = WriteExport(rule =>
        {
            rule["created_at"] = "2023-03-04T23:30:00.000Z";
            rule["updated_at"] = "2024-06-07T10:00:00.000Z";
        });
        var output = Path.Combine(_temp.Path, "out");

        var result = CliRunner.Run("rules", "convert", export, "--to", "toml", "--output", output);

        Assert.Equal(0, result.ExitCode);
        var converted = Assert.Single(RuleLoader.LoadPaths([output]).Rules);
        Assert.Equal("2023/03/04", converted.Metadata.CreationDate);
        Assert.Equal("2024/06/07", converted.Metadata.UpdatedDate);
        Assert.DoesNotContain("today's date", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertWithoutDatesWarnsToday()
    {
        var export = WriteExport(_ => { });
        var output = Path.Combine(_temp.Path, "out");

        var result = CliRunner.Run("rules", "convert", export, "--to", "toml", "--output", output);

        Assert.Equal(0, result.ExitCode);
        var converted = Assert.Single(RuleLoader.LoadPaths([output]).Rules);
        Assert.NotNull(converted.Metadata.CreationDate);
        Assert.Equal(converted.Metadata.CreationDate, converted.Metadata.UpdatedDate);
        Assert.Contains($"gets today's date, {converted.Metadata.UpdatedDate}, as creation_date and updated_date", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(RuleValidator.ValidatePaths([output]).Warnings);
    }

    [Fact]
    public void TodayFillsOnlyMissingDate()
    {
        var rule = LoadMinimal("[metadata]\ncreation_date = \"2020/01/02\"\n\n" + MinimalRule);

        var dated = RequiredMetadataDates.Complete(rule, new DateOnly(2026, 5, 1), out var setToToday);

        Assert.Equal("2020/01/02", dated.Metadata.CreationDate);
        Assert.Equal("2026/05/01", dated.Metadata.UpdatedDate);
        Assert.Equal(["updated_date"], setToToday);
    }

    [Fact]
    public void TomlWithoutMetadataWarns()
    {
        var path = Path.Combine(_temp.Path, "rule.toml");
        File.WriteAllText(path, MinimalRule);

        var result = RuleValidator.ValidatePaths([path]);

        var warning = Assert.Single(result.Warnings);
        Assert.Contains("missing [metadata] creation_date and updated_date", warning.Message, StringComparison.Ordinal);
        Assert.Empty(result.Errors);
        Assert.Single(result.Rules);
    }

    [Fact]
    public void JsonWithoutMetadataNoWarning()
    {
        var export = WriteExport(_ => { });

        Assert.Empty(RuleValidator.ValidatePaths([export]).Warnings);
    }

    [Fact]
    public void ShowTomlWritesOnlySetKeys()
    {
        var path = Path.Combine(_temp.Path, "rule.toml");
        File.WriteAllText(path, MinimalRule);

        var result = CliRunner.Run("rules", "show", path);

        Assert.Equal(0, result.ExitCode);
        foreach (var key in new[] { "version", "from", "to", "max_signals", "interval", "language", "tags", "author", "references", "false_positives" })
        {
            Assert.DoesNotContain($"\n{key} = ", result.StandardOutput, StringComparison.Ordinal);
        }

        var again = RuleLoader.ParseToml(result.StandardOutput, null);
        var original = RuleLoader.ParseToml(File.ReadAllText(path), null);
        Assert.True(JsonNode.DeepEquals(KibanaRuleJson.Write(original), KibanaRuleJson.Write(again)), result.StandardOutput);
    }

    [Fact]
    public void ShowTomlKeepsSetDefaults()
    {
        var path = Path.Combine(_temp.Path, "rule.toml");
        File.WriteAllText(path, MinimalRule + "\nfrom = \"now-6m\"\nmax_signals = 100\n");

        var result = CliRunner.Run("rules", "show", path);

        Assert.Contains("\nfrom = \"now-6m\"", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\nmax_signals = 100", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("\nto = ", result.StandardOutput, StringComparison.Ordinal);
    }

    private DetectionRule LoadMinimal(string text)
    {
        var path = Path.Combine(_temp.Path, "minimal.toml");
        File.WriteAllText(path, text);
        return Assert.Single(RuleLoader.LoadPaths([path]).Rules);
    }

    /// <summary>Writes the minimal rule as a one-rule Kibana export without [metadata], changed by <paramref name="change"/>.</summary>
    private string WriteExport(Action<JsonObject> change)
    {
        var json = KibanaRuleJson.Write(LoadMinimal(MinimalRule));
        json.Remove("meta");
        change(json);
        var export = Path.Combine(_temp.Path, "export.ndjson");
        File.WriteAllText(export, json.ToJsonString() + "\n");
        return export;
    }
}
