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

    [Fact]
    public void FlattenedRangeWarns()
    {
        const string Query = "event.provider:sts.amazonaws.com and event.action:AssumeRole and aws.cloudtrail.flattened.request_parameters.durationSeconds >= 3600";
        var (rule, lines) = Load("", Query);

        var finding = Assert.Single(RuleLinter.Lint(rule));

        var line = Array.FindIndex(lines, text => text.Contains("durationSeconds", StringComparison.Ordinal));
        Assert.Equal(LintIds.RangeOnFlattenedKey, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(line + 1, finding.Line);
        Assert.Equal(lines[line].IndexOf("3600", StringComparison.Ordinal) + 1, finding.Column);
        Assert.Contains("compares text, not numbers or dates", finding.Message, StringComparison.Ordinal);
        Assert.Contains("flattened field aws.cloudtrail.flattened.request_parameters", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not aws.cloudtrail.flattened.response_elements.credentials.expiration < \"2026\"")]
    [InlineData("(event.outcome:failure or aws.cloudtrail.flattened.additional_eventdata.bytesTransferredOut > 100)")]
    public void FlattenedRangeUnderOperatorsWarns(string condition)
    {
        var (rule, _) = Load("", "event.provider:sts.amazonaws.com and event.action:AssumeRole and " + condition);

        Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.RangeOnFlattenedKey);
    }

    [Fact]
    public void DateRangeNotFlattened()
    {
        var (rule, _) = Load("", "event.provider:sts.amazonaws.com and event.action:AssumeRole and @timestamp >= \"2026-01-01\"");

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.RangeOnFlattenedKey);
    }

    [Fact]
    public void LookBackShorterThanIntervalWarns()
    {
        var (rule, lines) = Load("from = \"now-15s\"\ninterval = \"20s\"");

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.LookBackShorterThanInterval);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(Array.IndexOf(lines, "from = \"now-15s\"") + 1, finding.Line);
        Assert.Contains("reaches back 15s from rule.to \"now\", less than rule.interval \"20s\", so Kibana never searches the 5s before each run's window", finding.Message, StringComparison.Ordinal);
        Assert.Contains("such as \"now-80s\"", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void LookBackWithOffsetToWarns()
    {
        var (rule, _) = Load("from = \"now-7m\"\nto = \"now-5m\"\ninterval = \"5m\"");

        var finding = Assert.Single(RuleLinter.Lint(rule));

        Assert.Equal(LintIds.LookBackShorterThanInterval, finding.Id);
        Assert.Contains("reaches back 2m from rule.to \"now-5m\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("such as \"now-5m-6m\"", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from = \"now-5m\"\ninterval = \"5m\"")]
    [InlineData("from = \"now-6m\"\ninterval = \"5m\"")]
    [InlineData("interval = \"1m\"")]
    public void ScheduleClean(string extra)
    {
        var (rule, _) = Load(extra);

        Assert.Empty(RuleLinter.Lint(rule));
    }

    [Fact]
    public void IntervalBelowMinimumWarns()
    {
        var (rule, lines) = Load("interval = \"1s\"");

        var finding = Assert.Single(RuleLinter.Lint(rule));

        Assert.Equal(LintIds.IntervalBelowMinimum, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal(Array.IndexOf(lines, "interval = \"1s\"") + 1, finding.Line);
        Assert.Contains("shorter than Kibana's minimum rule interval of 1m", finding.Message, StringComparison.Ordinal);
    }

    private (DetectionRule Rule, string[] Lines) Load(string extra, string query = "event.provider:cloudtrail.amazonaws.com and event.action:StopLogging")
    {
        var path = Path.Combine(_temp.Path, "rule.toml");
        var text = RuleText.Replace("EXTRA", extra, StringComparison.Ordinal).Replace("QUERY", query, StringComparison.Ordinal);
        File.WriteAllText(path, text);
        return (Assert.Single(RuleLoader.LoadPaths([path]).Rules), text.Split('\n'));
    }
}
