using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Lint findings on a rule's schedule and limits, which the rule's own fields decide.</summary>
public sealed class LintScheduleTests : IDisposable
{
    private const string RuleText = """
        [metadata]
        creation_date = "2024/01/01"
        updated_date = "2024/01/01"

        [rule]
        author = ["Vigil"]
        description = "lint test"
        index = ["logs-aws.cloudtrail-*"]
        language = "kuery"
        name = "lint test"
        risk_score = 21
        rule_id = "00000000-0000-0000-0000-000000000001"
        severity = "low"
        type = "query"
        EXTRA
        query = '''
        QUERY
        '''

        [[rule.threat]]
        framework = "MITRE ATT&CK"

        [rule.threat.tactic]
        id = "TA0004"
        name = "Privilege Escalation"
        reference = "https://attack.mitre.org/tactics/TA0004/"
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void MaxSignalsAboveLimitWarns()
    {
        var (rule, lines) = Load("max_signals = 5000");

        var finding = Assert.Single(RuleLinter.Lint(rule));

        Assert.Equal(LintIds.MaxSignalsAboveLimit, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(Array.IndexOf(lines, "max_signals = 5000") + 1, finding.Line);
        Assert.Contains("max_signals 5000 is above Kibana's alerting limit of 1000 alerts per rule run", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("set max_signals to 1000 or less", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxSignalsAtLimitClean()
    {
        var (rule, _) = Load("max_signals = 1000");

        Assert.Empty(RuleLinter.Lint(rule));
    }

    private (DetectionRule Rule, string[] Lines) Load(string extra, string query = "event.action:StopLogging")
    {
        var path = Path.Combine(_temp.Path, "rule.toml");
        var text = RuleText.Replace("EXTRA", extra, StringComparison.Ordinal).Replace("QUERY", query, StringComparison.Ordinal);
        File.WriteAllText(path, text);
        return (Assert.Single(RuleLoader.LoadPaths([path]).Rules), text.Split('\n'));
    }
}
