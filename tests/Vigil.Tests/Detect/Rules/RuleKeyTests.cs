using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Lint;
using Vigil.Detect.Rules.Validation;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

public class RuleKeyTests
{
    private const string RuleWithTypos = """
        [metadata]
        creation_date = "2024/01/01"
        updated_date = "2024/01/02"
        maturty = "production"

        [rule]
        rule_id = "00000000-0000-4000-8000-000000000031"
        name = "Typo rule"
        description = "Misspelled keys."
        type = "query"
        severity = "low"
        risk_score = 21
        max_signal = 5
        timestamp_overide = "event.ingested"
        foo_bar = 1
        query = "event.action:AssumeRole"
        """;

    private const string KibanaLine =
        """{"id":"8a1ee91f-9edb-5e87-a4c7-1d8b793b5ff2","rule_id":"00000000-0000-4000-8000-000000000032","name":"Kibana rule","description":"d","type":"query","language":"kuery","query":"event.action:AssumeRole","index":["logs-aws*"],"severity":"low","risk_score":21,"created_at":"2024-01-01T00:00:00.000Z","created_by":"elastic","updated_at":"2024-01-01T00:00:00.000Z","updated_by":"elastic","immutable":false,"rule_source":{"type":"internal"},"revision":3,"output_index":"","related_integrations":[],"required_fields":[],"setup":"","execution_summary":{"last_execution":{"status":"succeeded"}},"actions":[],"throttle":"no_actions","meta":{"kibana_siem_app_url":"x"},"max_signal":5}""";

    [Fact]
    public void TomlUnknownKeysAreErrors()
    {
        var loaded = RuleLoader.TryParseToml(RuleWithTypos, "typo.toml", out var rule, out var errors);

        Assert.False(loaded);
        Assert.Null(rule);
        Assert.Equal(
            [
                "typo.toml(4,1): unknown key \"maturty\" in [metadata]: no rule schema defines it, so Vigil would ignore it; did you mean maturity?",
                "typo.toml(13,1): unknown key \"max_signal\" in [rule]: no rule schema defines it, so Vigil would ignore it; did you mean max_signals?",
                "typo.toml(14,1): unknown key \"timestamp_overide\" in [rule]: no rule schema defines it, so Vigil would ignore it; did you mean timestamp_override?",
                "typo.toml(15,1): unknown key \"foo_bar\" in [rule]: no rule schema defines it, so Vigil would ignore it; remove it, or check its spelling against the detection-rules schema",
            ],
            errors.Select(error => error.ToString()));
    }

    [Fact]
    public void TomlTypoRejectedByLoadPaths()
    {
        var folder = Directory.CreateTempSubdirectory("vigil-rule-keys-");
        try
        {
            var file = Path.Combine(folder.FullName, "typo.toml");
            File.WriteAllText(file, RuleWithTypos.Replace("maturty", "maturity", StringComparison.Ordinal).Replace("foo_bar = 1\n", "", StringComparison.Ordinal));

            var result = RuleLoader.LoadPaths([folder.FullName]);

            Assert.Empty(result.Rules);
            Assert.Equal(2, result.Errors.Count);
            Assert.Equal(13, result.Errors[0].Line);
            Assert.EndsWith("did you mean max_signals?", result.Errors[0].Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void PackHasNoUnknownKeys()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");

        var result = RuleValidator.ValidatePaths([pack]);

        Assert.Empty(result.Errors);
        Assert.Equal(232, result.Rules.Count);
    }

    [Fact]
    public void KibanaExportFieldsAccepted()
    {
        var read = KibanaNdjson.Read(KibanaLine.Replace(",\"max_signal\":5", "", StringComparison.Ordinal) + "\n", "export.ndjson");

        var rule = Assert.Single(read.Rules);
        Assert.Empty(read.Errors);
        Assert.Empty(RuleValidator.Warnings(rule));
        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownRuleKey);
    }

    [Fact]
    public void KibanaUnknownKeyIsLintWarning()
    {
        var rule = Assert.Single(KibanaNdjson.Read(KibanaLine + "\n", "export.ndjson").Rules);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownRuleKey);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(1, finding.Line);
        Assert.Equal("unknown key $.max_signal: neither Kibana's rule API nor detection-rules defines it, so Vigil ignores it", finding.Message);
        Assert.Equal("did you mean max_signals?", finding.Fix);
    }

    [Fact]
    public void KibanaUnknownKeyIsValidateWarning()
    {
        var rule = Assert.Single(KibanaNdjson.Read(KibanaLine + "\n", "export.ndjson").Rules);

        var warning = Assert.Single(RuleValidator.Warnings(rule));

        Assert.Equal("export.ndjson(1,1): warning: rule \"Kibana rule\": unknown key $.max_signal: neither Kibana's rule API nor detection-rules defines it, so Vigil ignores it; did you mean max_signals?", warning.ToString());
    }

    [Fact]
    public void ConvertedExportLoadsAsToml()
    {
        var rule = Assert.Single(KibanaNdjson.Read(KibanaLine.Replace(",\"max_signal\":5", "", StringComparison.Ordinal) + "\n", "export.ndjson").Rules);

        var toml = TomlRuleWriter.Write(rule);

        Assert.DoesNotContain("created_at", toml, StringComparison.Ordinal);
        Assert.DoesNotContain("execution_summary", toml, StringComparison.Ordinal);
        Assert.True(RuleLoader.TryParseToml(toml, "converted.toml", out _, out var errors), string.Join("\n", errors));
    }
}
