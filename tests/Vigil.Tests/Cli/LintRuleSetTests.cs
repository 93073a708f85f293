using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Lint findings about the rules given together: an older revision of a rule loaded with its newer
/// one (VR021), and rules not loaded (VR019) named by the rule_id and name the loader read.
/// </summary>
public class LintRuleSetTests
{
    private const string RuleId = "93075852-b0f5-4b8b-89c3-a226efae5726";

    [Fact]
    public void OlderRevisionWarnsInText()
    {
        using var folder = new TempDirectory();
        var (older, newer) = TwoRevisions(folder);

        var result = CliRunner.Run("rules", "lint", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{older}(", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"warning VR021: rule_id \"{RuleId}\" (version 2) is an older revision of {newer} (version 3), because version 3 is higher than 2: hunt and serve run only that file and skip this one", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Fix: move the older file out of the folders that hunt and serve load rules from", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2 rules linted: 0 errors, 1 warning, 0 info", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void OlderRevisionWarnsInJson()
    {
        using var folder = new TempDirectory();
        var (older, _) = TwoRevisions(folder);

        var result = CliRunner.Run("rules", "lint", "--format", "json", folder.Path);
        var finding = JsonNode.Parse(result.StandardOutput)!.AsArray().Single()!;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("VR021", finding["id"]!.GetValue<string>());
        Assert.Equal("warning", finding["severity"]!.GetValue<string>());
        Assert.Equal(older, finding["file"]!.GetValue<string>());
        Assert.Equal(RuleId, finding["rule_id"]!.GetValue<string>());
        Assert.Equal("AWS Security Token Service (STS) AssumeRole Usage", finding["rule_name"]!.GetValue<string>());
        Assert.NotNull(finding["line"]);
        Assert.StartsWith("move the older file", finding["fix"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void OlderRevisionWarnsInSarif()
    {
        using var folder = new TempDirectory();
        TwoRevisions(folder);

        var result = CliRunner.Run("rules", "lint", "--format", "sarif", folder.Path);
        var run = JsonNode.Parse(result.StandardOutput)!["runs"]![0]!;
        var finding = run["results"]!.AsArray().Single()!;

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("VR021", finding["ruleId"]!.GetValue<string>());
        Assert.Equal("warning", finding["level"]!.GetValue<string>());
        Assert.Equal(RuleId, finding["properties"]!["rule_id"]!.GetValue<string>());
        Assert.Equal("VR021", run["tool"]!["driver"]!["rules"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public void LaterTomlBeatsKibanaVersion()
    {
        using var folder = new TempDirectory();
        var toml = Path.Combine(folder.Path, "a.toml");
        var export = Path.Combine(folder.Path, "b.ndjson");
        var text = File.ReadAllText(Fixture("aws-sts-assumerole-usage-v2.toml"));
        File.WriteAllText(toml, text.Replace("version = 2\n", "", StringComparison.Ordinal).Replace("[metadata]\n", "[metadata]\nupdated_date = \"2026/01/01\"\n", StringComparison.Ordinal));
        var kibana = KibanaRuleJson.Write(RuleLoader.LoadPaths([Fixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single());
        kibana["version"] = 5;
        kibana["updated_at"] = "2025-01-01T00:00:00.000Z";
        File.WriteAllText(export, kibana.ToJsonString() + "\n");

        var result = CliRunner.Run("rules", "lint", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{export}(1", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"warning VR021: rule_id \"{RuleId}\" (version 5, updated 2025-01-01T00:00:00.000Z) is an older revision of {toml} (updated 2026/01/01), because updated 2026/01/01 is later than 2025-01-01T00:00:00.000Z", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain($"{toml}(", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void UndecidedOrderSaysSo()
    {
        using var folder = new TempDirectory();
        var versioned = Path.Combine(folder.Path, "a.toml");
        var dated = Path.Combine(folder.Path, "b.toml");
        var text = File.ReadAllText(Fixture("aws-sts-assumerole-usage-v2.toml"));
        File.WriteAllText(versioned, text);
        File.WriteAllText(dated, text.Replace("version = 2\n", "", StringComparison.Ordinal).Replace("[metadata]\n", "[metadata]\nupdated_date = \"2026/01/01\"\n", StringComparison.Ordinal));

        var result = CliRunner.Run("rules", "lint", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{dated}(", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"warning VR021: rule_id \"{RuleId}\" (updated 2026/01/01) is also the rule_id of {versioned} (version 2), and their version and update date do not decide which revision is newer: hunt and serve run only that file, because it comes first in path order", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("set a higher version or a later updated date on the revision that should run", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void SameRevisionIsNoOlderRevision()
    {
        using var folder = new TempDirectory();
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "a.toml"));
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "b.toml"));

        var result = CliRunner.Run("rules", "lint", folder.Path);

        Assert.Contains("error VR020", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("VR021", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void SharedIdNotLoadedNamesRule(string format)
    {
        using var folder = new TempDirectory();
        var export = Path.Combine(folder.Path, "export.ndjson");
        var rule = KibanaRuleJson.Write(RuleLoader.LoadPaths([Fixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single());
        var copy = rule.DeepClone().AsObject();
        copy["rule_id"] = "copied-rule";
        copy["name"] = "Copied rule";
        File.WriteAllLines(export, [rule.ToJsonString(), copy.ToJsonString()]);

        var result = CliRunner.Run("rules", "lint", "--format", format, export);
        var report = JsonNode.Parse(result.StandardOutput)!;
        var finding = format == "json" ? report.AsArray().Single()! : report["runs"]![0]!["results"]!.AsArray().Single()!;
        var names = format == "json" ? finding : finding["properties"]!;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("VR019", (format == "json" ? finding["id"] : finding["ruleId"])!.GetValue<string>());
        Assert.Equal("copied-rule", names["rule_id"]!.GetValue<string>());
        Assert.Equal("Copied rule", names["rule_name"]!.GetValue<string>());
    }

    [Fact]
    public void InvalidRuleNotLoadedNamesRule()
    {
        var result = CliRunner.Run("rules", "lint", "--format", "json", Fixture(Path.Combine("invalid", "invalid-interval.toml")));
        var finding = JsonNode.Parse(result.StandardOutput)!.AsArray().Single()!;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("VR019", finding["id"]!.GetValue<string>());
        Assert.Equal("00000000-0000-4000-8000-000000000001", finding["rule_id"]!.GetValue<string>());
        Assert.Equal("Sample rule", finding["rule_name"]!.GetValue<string>());
    }

    [Fact]
    public void UnparsedFileNotLoadedHasNoRule()
    {
        using var folder = new TempDirectory();
        var broken = Path.Combine(folder.Path, "broken.toml");
        File.WriteAllText(broken, "[rule\n");

        var result = CliRunner.Run("rules", "lint", "--format", "json", broken);
        var finding = JsonNode.Parse(result.StandardOutput)!.AsArray().Single()!;

        Assert.Equal("", finding["rule_id"]!.GetValue<string>());
        Assert.Equal("", finding["rule_name"]!.GetValue<string>());
    }

    /// <summary>Writes the fixture rule at version 2 and at version 3, and returns both files.</summary>
    private static (string Older, string Newer) TwoRevisions(TempDirectory folder)
    {
        var text = File.ReadAllText(Fixture("aws-sts-assumerole-usage-v2.toml"));
        var older = Path.Combine(folder.Path, "a.toml");
        var newer = Path.Combine(folder.Path, "b.toml");
        File.WriteAllText(older, text);
        File.WriteAllText(newer, text.Replace("version = 2\n", "version = 3\n", StringComparison.Ordinal));
        return (older, newer);
    }

    private static string Fixture(string name) => Path.Combine(RepoPaths.Fixtures, "rules", name);
}
