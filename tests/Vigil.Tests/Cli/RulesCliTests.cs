using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

public class RulesCliTests
{
    [Fact]
    public void ValidateFixtureExitsZero()
    {
        var result = CliRunner.Run("rules", "validate", Fixture("aws-sts-assumerole-usage-v1.toml"));

        // Elastic's documentation page, which the fixture follows, gives no update date.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: rule \"AWS Security Token Service (STS) AssumeRole Usage\": missing [metadata] updated_date", Assert.Single(result.StandardOutput.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateInvalidExitsOne()
    {
        var result = CliRunner.Run("rules", "validate", Fixture(Path.Combine("invalid", "invalid-interval.toml")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid-interval.toml(", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void LintVersion1ExitsOne()
    {
        var result = CliRunner.Run("rules", "lint", Fixture("aws-sts-assumerole-usage-v1.toml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error VR002: event.action \"AssumedRole\"", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void LintVersion2ExitsZero()
    {
        var result = CliRunner.Run("rules", "lint", Fixture("aws-sts-assumerole-usage-v2.toml"));

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void LintSarifIsVersion210()
    {
        var result = CliRunner.Run("rules", "lint", "--format", "sarif", Fixture("aws-sts-assumerole-usage-v1.toml"));

        var log = JsonNode.Parse(result.StandardOutput)!;
        var finding = log["runs"]![0]!["results"]![0]!;
        Assert.Equal("2.1.0", log["version"]!.GetValue<string>());
        Assert.Equal("VR002", finding["ruleId"]!.GetValue<string>());
        Assert.Equal("error", finding["level"]!.GetValue<string>());
        Assert.True(finding["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>() > 0);
    }

    [Fact]
    public void LintJsonHasFix()
    {
        var result = CliRunner.Run("rules", "lint", "--format", "json", Fixture("aws-sts-assumerole-usage-v1.toml"));

        var finding = JsonNode.Parse(result.StandardOutput)!.AsArray().Single()!;
        Assert.Equal("error", finding["severity"]!.GetValue<string>());
        Assert.StartsWith("did you mean AssumeRole", finding["fix"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertToNdjsonValidates()
    {
        using var folder = new TempDirectory();
        var output = Path.Combine(folder.Path, "export.ndjson");

        var convert = CliRunner.Run("rules", "convert", Fixture("aws-sts-assumerole-usage-v2.toml"), "--to", "kibana-ndjson", "--output", output);
        var validate = CliRunner.Run("rules", "validate", output);

        Assert.Equal(0, convert.ExitCode);
        Assert.Equal(2, File.ReadAllLines(output).Length);
        Assert.Equal(0, validate.ExitCode);
    }

    [Fact]
    public void ConvertToDashWritesStandardOutput()
    {
        using var folder = new TempDirectory();

        var convert = CliRunner.Run("rules", "convert", Fixture("aws-sts-assumerole-usage-v2.toml"), "--to", "kibana-ndjson", "--output", "-");
        var toml = CliRunner.Run("rules", "convert", Fixture("aws-sts-assumerole-usage-v2.toml"), "--to", "toml", "--output", "-");

        Assert.Equal(0, convert.ExitCode);
        Assert.Equal(2, convert.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("wrote 1 rule to stdout", convert.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
        Assert.Equal(2, toml.ExitCode);
        Assert.Contains("use --to kibana-ndjson for standard output", toml.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowKibanaPrintsRuleJson()
    {
        var result = CliRunner.Run("rules", "show", "--format", "kibana", Fixture("aws-sts-assumerole-usage-v2.toml"));

        var json = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal("93075852-b0f5-4b8b-89c3-a226efae5726", json["rule_id"]!.GetValue<string>());
    }

    [Fact]
    public void ShowDslPrintsQueryDsl()
    {
        var result = CliRunner.Run("rules", "show", "--dsl", Fixture("aws-sts-assumerole-usage-v2.toml"));

        var combined = JsonNode.Parse(result.StandardOutput)!["bool"]!;
        var filters = combined["filter"]![0]!["bool"]!["filter"]!.AsArray();
        var action = filters[2]!["bool"]!["should"]![0]!["term"]!["event.action"]!["value"]!.GetValue<string>();
        Assert.Equal(0, result.ExitCode);
        Assert.Single(combined["filter"]!.AsArray());
        Assert.Empty(combined["must_not"]!.AsArray());
        Assert.Equal(5, filters.Count);
        Assert.Equal("AssumeRole", action);
    }

    [Fact]
    public void ShowDslCombinesFilters()
    {
        using var folder = new TempDirectory();
        var input = Path.Combine(folder.Path, "filters.ndjson");
        var rule = KibanaRuleJson.Write(RuleLoader.LoadPaths([Fixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single());
        rule["filters"] = JsonNode.Parse("""
            [
              {"meta": {"negate": false}, "query": {"match_phrase": {"cloud.region": "us-east-1"}}},
              {"meta": {"negate": true}, "$state": {"store": "appState"}, "query": {"match_phrase": {"user.name": "DeployRole"}}},
              {"meta": {"disabled": true}, "query": {"match_phrase": {"user.name": "Other"}}},
              {"meta": {}, "exists": {"field": "source.ip"}}
            ]
            """);
        File.WriteAllText(input, rule.ToJsonString() + "\n");

        var result = CliRunner.Run("rules", "show", input, "--dsl");

        var combined = JsonNode.Parse(result.StandardOutput)!["bool"]!;
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, combined["filter"]!.AsArray().Count);
        Assert.NotNull(combined["filter"]![0]!["bool"]);
        Assert.Equal("""{"match_phrase":{"cloud.region":"us-east-1"}}""", combined["filter"]![1]!.ToJsonString());
        Assert.Equal("""{"exists":{"field":"source.ip"}}""", combined["filter"]![2]!.ToJsonString());
        Assert.Equal("""[{"match_phrase":{"user.name":"DeployRole"}}]""", combined["must_not"]!.ToJsonString());
        Assert.Empty(combined["must"]!.AsArray());
        Assert.Empty(combined["should"]!.AsArray());
    }

    [Fact]
    public void TestCommandExitCodes()
    {
        var cases = Path.Combine(RepoPaths.Root, "tests", "Vigil.Tests", "Detect", "Rules", "RuleTestCases");

        var fixedRule = CliRunner.Run("rules", "test", Path.Combine(cases, "aws-sts-assumerole-usage-v2.toml"));
        var documented = CliRunner.Run("rules", "test", Path.Combine(cases, "aws-sts-assumerole-usage-v1.toml"));

        Assert.Equal(0, fixedRule.ExitCode);
        Assert.Equal(1, documented.ExitCode);
        Assert.Contains("FAIL ", documented.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kibana-ndjson", "missing/x.ndjson")]
    [InlineData("kibana-ndjson", "folder")]
    [InlineData("toml", "file.txt")]
    public void ConvertBadOutputExitsTwo(string to, string output)
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "folder"));
        File.WriteAllText(Path.Combine(folder.Path, "file.txt"), "");

        var result = CliRunner.Run("rules", "convert", Fixture("aws-sts-assumerole-usage-v2.toml"), "--to", to, "--output", Path.Combine(folder.Path, output));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertSharedRuleIdKeepsEveryRule()
    {
        using var folder = new TempDirectory();
        var input = Path.Combine(folder.Path, "exports");
        Directory.CreateDirectory(input);
        var rule = KibanaRuleJson.Write(RuleLoader.LoadPaths([Fixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single());
        // The last two share a version but not an update date, so they are two revisions, not a duplicate.
        var updatedLater = Versioned(rule, 2).Replace("\"version\":2", "\"version\":2,\"updated_at\":\"2030-01-01T00:00:00.000Z\"", StringComparison.Ordinal);

        // One export per revision, because revisions inside one export are duplicates, as Kibana's import reports them.
        File.WriteAllLines(Path.Combine(input, "1.ndjson"), [Versioned(rule, 1)]);
        File.WriteAllLines(Path.Combine(input, "2.ndjson"), [Versioned(rule, 2)]);
        File.WriteAllLines(Path.Combine(input, "3.ndjson"), [updatedLater]);
        var output = Path.Combine(folder.Path, "out");

        var result = CliRunner.Run("rules", "convert", input, "--to", "toml", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, Directory.GetFiles(output).Length);
    }

    private static string Versioned(JsonObject rule, int version)
    {
        var copy = rule.DeepClone().AsObject();
        copy["version"] = version;
        return copy.ToJsonString();
    }

    [Fact]
    public void ValidateEscapesControlCharacters()
    {
        using var folder = new TempDirectory();
        var rule = EditedFixture(folder, "severity = \"low\"", "severity = \"low\\u001b[5m\"");

        var result = CliRunner.Run("rules", "validate", rule);

        Assert.Contains("\\u001B[5m", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.StandardOutput);
    }

    [Fact]
    public void LintTextEscapesControlCharacters()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(folder.Path, "rule.ndjson");
        var json = KibanaRuleJson.Write(RuleLoader.LoadPaths([Fixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single());
        json["query"] = json["query"]!.GetValue<string>().Replace("event.action:AssumeRole", "event.action:\"Foo\u001b[2Jbar\"", StringComparison.Ordinal);
        File.WriteAllText(rule, json.ToJsonString());

        var result = CliRunner.Run("rules", "lint", rule);

        Assert.Contains("Foo", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.StandardOutput);
    }

    [Fact]
    public void ShowMarkdownEscapesControlCharacters()
    {
        using var folder = new TempDirectory();
        var rule = EditedFixture(folder, "name = \"AWS Security", "name = \"\\u001b]0;x\\u0007\\u009b2J AWS Security");

        var result = CliRunner.Run("rules", "show", "--format", "markdown", rule);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.StandardOutput);
        Assert.DoesNotContain('\u0007', result.StandardOutput);
        Assert.DoesNotContain('\u009b', result.StandardOutput);
    }

    /// <summary>Writes the version 2 fixture with one text replaced and returns its path.</summary>
    private static string EditedFixture(TempDirectory folder, string original, string replacement)
    {
        var path = Path.Combine(folder.Path, "edited.toml");
        var text = File.ReadAllText(Fixture("aws-sts-assumerole-usage-v2.toml"));
        Assert.Contains(original, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(original, replacement, StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public void LintNdjsonNamesLineAndRule()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(folder.Path, "rules.ndjson");
        var json = KibanaRuleJson.Write(RuleLoader.LoadPaths([Fixture("aws-sts-assumerole-usage-v1.toml")]).Rules.Single());
        File.WriteAllText(rule, "{\"list_id\":\"x\"}\n" + json.ToJsonString() + "\n");

        var result = CliRunner.Run("rules", "lint", "--format", "json", rule);

        var finding = JsonNode.Parse(result.StandardOutput)!.AsArray().Single()!;
        Assert.Equal(2, finding["line"]!.GetValue<int>());
        Assert.Equal(json["name"]!.GetValue<string>(), finding["rule_name"]!.GetValue<string>());
    }

    [Fact]
    public void LintSarifUriEncoded()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(folder.Path, "my rules #1 100%.toml");
        File.Copy(Fixture("aws-sts-assumerole-usage-v1.toml"), rule);

        var result = CliRunner.Run("rules", "lint", "--format", "sarif", rule);

        var uri = JsonNode.Parse(result.StandardOutput)!["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>();
        Assert.EndsWith("my%20rules%20%231%20100%25.toml", uri, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
    }

    [Fact]
    public void ValidateEmptyFolderExitsTwo()
    {
        using var folder = new TempDirectory();

        var result = CliRunner.Run("rules", "validate", folder.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no rules found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOneRuleSingular()
    {
        var result = CliRunner.Run("rules", "validate", Fixture("aws-sts-assumerole-usage-v2.toml"));

        Assert.StartsWith("1 rule in 1 file: 1 valid, 0 errors", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRevisionsExitsZero()
    {
        var result = CliRunner.Run("rules", "validate", Fixture("aws-sts-assumerole-usage-v1.toml"), Fixture("aws-sts-assumerole-usage-v2.toml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("aws-sts-assumerole-usage-v1.toml(29,1): warning: rule_id", result.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("2 rules in 2 files: 2 valid, 0 errors, 3 warnings", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, result.StandardOutput.Split("missing [metadata] updated_date").Length - 1);
    }

    [Fact]
    public void ValidateUnknownKeyCountsTheRule()
    {
        using var folder = new TempDirectory();
        var typo = Path.Combine(folder.Path, "typo.toml");
        File.WriteAllText(typo, File.ReadAllText(Fixture("aws-sts-assumerole-usage-v2.toml")).Replace("[rule]\n", "[rule]\nmax_signal = 5\n", StringComparison.Ordinal));

        var result = CliRunner.Run("rules", "validate", typo);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 rule in 1 file: 0 valid, 1 error in 1 file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSameRevisionExitsOne()
    {
        using var folder = new TempDirectory();
        var copy = Path.Combine(folder.Path, "copy.toml");
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), copy);

        var result = CliRunner.Run("rules", "validate", Fixture("aws-sts-assumerole-usage-v2.toml"), copy);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("2 rules in 2 files: 1 valid, 1 error in 1 file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LintInvalidKqlExitsOne()
    {
        using var folder = new TempDirectory();
        var rule = EditedFixture(folder, "event.action:AssumeRole and", "event.action:(AssumeRole and");

        var result = CliRunner.Run("rules", "lint", rule);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error VR013", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void LintUnreadFileCountedInSummary()
    {
        using var folder = new TempDirectory();
        var broken = Path.Combine(folder.Path, "broken.toml");
        File.WriteAllText(broken, "[rule\n");

        var result = CliRunner.Run("rules", "lint", broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("0 rules linted: 0 errors, 0 warnings, 0 info, and 1 load error above", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void LintReportListsUnreadFile(string format)
    {
        using var folder = new TempDirectory();
        var broken = Path.Combine(folder.Path, "broken.toml");
        File.WriteAllText(broken, "[rule\n");

        var result = CliRunner.Run("rules", "lint", "--format", format, broken);
        var report = JsonNode.Parse(result.StandardOutput)!;
        var finding = format == "json" ? report.AsArray().Single()! : report["runs"]![0]!["results"]!.AsArray().Single()!;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("VR019", (format == "json" ? finding["id"] : finding["ruleId"])!.GetValue<string>());
        Assert.Equal("error", (format == "json" ? finding["severity"] : finding["level"])!.GetValue<string>());
        Assert.Contains("broken.toml", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void LintDuplicateRuleIdIsError()
    {
        using var folder = new TempDirectory();
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "a.toml"));
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "b.toml"));

        var result = CliRunner.Run("rules", "lint", "--format", "json", folder.Path);
        var finding = JsonNode.Parse(result.StandardOutput)!.AsArray().Single()!;

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("VR020", finding["id"]!.GetValue<string>());
        Assert.Equal(Path.Combine(folder.Path, "b.toml"), finding["file"]!.GetValue<string>());
        Assert.NotEqual("", finding["rule_id"]!.GetValue<string>());
        Assert.Contains("duplicate rule_id", finding["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("give one of the rules a new rule_id", finding["fix"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void LintSameFolderTwiceReadsItOnce()
    {
        using var folder = new TempDirectory();
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "a.toml"));

        var result = CliRunner.Run("rules", "lint", folder.Path, folder.Path + "/./");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 rule linted: 0 errors", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LintFileInLockedFolderSaysPermission()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(locked, "rule.toml"));

        var result = UnprivilegedCli.Run(folder.Path, "rules", "lint", Path.Combine(locked, "rule.toml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the rule path could not be read (", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LintCleanTextPrintsNothing()
    {
        var result = CliRunner.Run("rules", "lint", Fixture("aws-sts-assumerole-usage-v2.toml"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains("1 rule linted: 0 errors", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LintUnlistableFolderIsLoadError()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "rule.toml"));

        var result = UnprivilegedCli.Run(folder.Path, "rules", "lint", "--format", "json", folder.Path);
        var findings = JsonNode.Parse(result.StandardOutput)!.AsArray();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(findings, finding => finding!["id"]!.GetValue<string>() == "VR019" && finding["file"]!.GetValue<string>() == locked);
        Assert.Contains("the folder could not be listed", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("1 rule linted", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowSeveralRulesAsTomlExitsTwo()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);

        var result = CliRunner.Run("rules", "show", input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("contains 2 rules, and a detection-rules TOML file contains one", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void ShowSeveralRulesAsKibanaIsNdjson()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);

        var result = CliRunner.Run("rules", "show", input, "--format", "kibana");

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, lines.Length);
        Assert.Equal("second-rule", JsonNode.Parse(lines[1])!["rule_id"]!.GetValue<string>());
    }

    [Fact]
    public void ShowRuleIdPicksOneAsToml()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);

        var result = CliRunner.Run("rules", "show", input, "--rule-id", "second-rule");

        Assert.Equal(0, result.ExitCode);
        Assert.True(RuleLoader.TryParseToml(result.StandardOutput, null, out var rule, out _));
        Assert.Equal("Second rule", rule.Name);
    }

    [Fact]
    public void ShowRuleIdBesideBrokenLine()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);
        File.AppendAllText(input, "{\"rule_id\":\"broken\",\"type\":\"query\"}\n");

        var result = CliRunner.Run("rules", "show", input, "--rule-id", "second-rule");

        Assert.Equal(0, result.ExitCode);
        Assert.True(RuleLoader.TryParseToml(result.StandardOutput, null, out var rule, out _));
        Assert.Equal("Second rule", rule.Name);
        Assert.Contains("(3,1)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowBrokenRuleIdFails()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);
        File.AppendAllText(input, "{\"rule_id\":\"broken\",\"type\":\"query\"}\n");

        var result = CliRunner.Run("rules", "show", input, "--rule-id", "broken");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void ShowUnknownRuleIdExitsOne()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);

        var result = CliRunner.Run("rules", "show", input, "--rule-id", "missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("second-rule", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowSeveralRulesAsMarkdownSeparated()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);

        var result = CliRunner.Run("rules", "show", input, "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\n---\n", result.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Second rule", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowSeveralRulesDslIsNdjson()
    {
        using var folder = new TempDirectory();
        var input = TwoRuleExport(folder);

        var result = CliRunner.Run("rules", "show", input, "--dsl");

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)!["bool"]));
    }

    private static string TwoRuleExport(TempDirectory folder)
    {
        var input = Path.Combine(folder.Path, "export.ndjson");
        var rule = KibanaRuleJson.Write(RuleLoader.LoadPaths([Fixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single());
        var second = rule.DeepClone().AsObject();
        second["rule_id"] = "second-rule";
        second["name"] = "Second rule";

        // Without its own id, the copy would be rejected as sharing the first rule's saved-object id.
        second.Remove("id");
        File.WriteAllLines(input, [rule.ToJsonString(), second.ToJsonString()]);
        return input;
    }

    private static string Fixture(string name) => Path.Combine(RepoPaths.Fixtures, "rules", name);
}
