using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;
using Vigil.Detect.Rules.Validation;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Every error <c>rules validate</c> reports on a rule is an error of <c>rules lint</c> at the same
/// file position, either a finding or a load error (which lint reports as <c>VR019</c>), so no rule
/// that hunt and serve reject passes lint.
/// </summary>
public class LintValidateParityTests
{
    private const string Base = """
        [metadata]
        creation_date = "2024/01/01"

        [rule]
        rule_id = "00000000-0000-4000-8000-000000000025"
        name = "Parity rule"
        description = "A rule with one invalid field."
        type = "query"
        severity = "low"
        risk_score = 21
        index = ["logs-aws.cloudtrail-*"]
        language = "kuery"
        from = "now-6m"
        to = "now"
        interval = "5m"
        max_signals = 100
        query = "event.action:CreateUser"
        """;

    private const string NewTerms = """

        [rule.new_terms]
        field = "new_terms_fields"
        value = ["user.name"]

        [[rule.new_terms.history_window_start]]
        field = "history_window_start"
        value = "HISTORY"
        """;

    private const string SeverityMapping = """

        [[rule.severity_mapping]]
        field = "event.action"
        operator = "equals"
        value = "CreateUser"
        severity = "huge"
        """;

    public static TheoryData<string, string> BadRules => new()
    {
        { "from not date math", Replace("from = \"now-6m\"", "from = \"now-6x\"") },
        { "to not date math", Replace("to = \"now\"", "to = \"later\"") },
        { "from after to", Replace("from = \"now-6m\"", "from = \"now+5m\"") },
        { "interval unit", Replace("interval = \"5m\"", "interval = \"5x\"") },
        { "interval zero", Replace("interval = \"5m\"", "interval = \"0s\"") },
        { "max_signals zero", Replace("max_signals = 100", "max_signals = 0") },
        { "max_signals text", Replace("max_signals = 100", "max_signals = \"many\"") },
        { "creation_date", Replace("creation_date = \"2024/01/01\"", "creation_date = \"2024/13/45\"") },
        { "risk_score", Replace("risk_score = 21", "risk_score = 101") },
        { "severity", Replace("severity = \"low\"", "severity = \"huge\"") },
        { "query syntax", Replace("event.action:CreateUser", "event.action:(CreateUser") },
        { "query value type", Replace("event.action:CreateUser", "source.port:https") },
        { "query range", Replace("event.action:CreateUser", "source.port > https") },
        { "history window text", Replace("type = \"query\"", "type = \"new_terms\"") + NewTerms.Replace("HISTORY", "later", StringComparison.Ordinal) },
        { "history window late", Replace("type = \"query\"", "type = \"new_terms\"") + NewTerms.Replace("HISTORY", "now-1m", StringComparison.Ordinal) },
        { "severity mapping", Base + SeverityMapping },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void ValidateErrorIsLintError(string name, string text)
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "bad.toml");
        File.WriteAllText(path, text);

        var validateErrors = RuleValidator.ValidatePaths([path]).Errors;
        var lintErrors = LintErrors(path);

        Assert.NotEmpty(validateErrors);
        foreach (var error in validateErrors)
        {
            Assert.True(lintErrors.Contains((error.File, error.Line, error.Column)), $"{name}: lint has no error at {error}");
        }
    }

    [Fact]
    public void BadFromIsOneError()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "f_bad.toml");
        File.WriteAllText(path, Replace("from = \"now-6m\"", "from = \"now-6x\""));
        var rule = RuleLoader.ParseToml(File.ReadAllText(path), path);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Severity == LintSeverity.Error);

        Assert.Equal(LintIds.InvalidRule, finding.Id);
        Assert.Equal(13, finding.Line);
        Assert.StartsWith("invalid rule.from \"now-6x\": expected date math relative to now", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueTypeErrorIsNotRepeated()
    {
        var rule = RuleLoader.ParseToml(Replace("event.action:CreateUser", "source.port:https"), "port.toml");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Severity == LintSeverity.Error);

        Assert.Equal(LintIds.WrongValueType, finding.Id);
    }

    /// <summary>Returns the positions of lint's errors on the file: load errors, then error findings.</summary>
    private static HashSet<(string File, int? Line, int? Column)> LintErrors(string path)
    {
        var loaded = RuleLoader.LoadPaths([path]);
        var findings = loaded.Rules.SelectMany(RuleLinter.Lint).Concat(RuleLinter.LintSet(loaded.Rules))
            .Where(finding => finding.Severity == LintSeverity.Error)
            .Select(finding => (finding.File, finding.Line, finding.Column));
        return [.. loaded.Errors.Select(error => (error.File, error.Line, error.Column)), .. findings];
    }

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Base, StringComparison.Ordinal);
        return Base.Replace(from, to, StringComparison.Ordinal);
    }
}
