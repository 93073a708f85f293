using System.Diagnostics.Metrics;
using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

public class RuleLoaderTests
{
    private const string MinimalRule = """
        [rule]
        rule_id = "00000000-0000-4000-8000-000000000002"
        name = "Minimal rule"
        description = "Only the required fields."
        type = "query"
        severity = "medium"
        risk_score = 47
        query = "event.provider:sts.amazonaws.com"
        """;

    [Fact]
    public void FolderLoadSkipsBrokenFiles()
    {
        var invalidCount = Directory.GetFiles(Path.Combine(TestPaths.RuleFixtures, "invalid"), "*.toml").Length;

        var result = RuleLoader.LoadPaths([TestPaths.RuleFixtures]);

        Assert.Equal(2, result.Rules.Count);
        Assert.Equal(invalidCount, result.Errors.Count);
    }

    [Fact]
    public void FolderLoadSortsByPath()
    {
        var result = RuleLoader.LoadPaths([TestPaths.RuleFixtures]);

        Assert.Equal([1, 2], result.Rules.Select(rule => rule.Version));
        Assert.EndsWith("aws-sts-assumerole-usage-v1.toml", result.Rules[0].SourcePath, StringComparison.Ordinal);
    }

    [Fact]
    public void FileListedTwiceLoadsOnce()
    {
        var file = TestPaths.RuleFixture("aws-sts-assumerole-usage-v1.toml");

        var result = RuleLoader.LoadPaths([file, file]);

        Assert.Single(result.Rules);
    }

    [Fact]
    public void MissingPathIsError()
    {
        var missing = Path.Combine(TestPaths.RuleFixtures, "no-such-rule.toml");

        var result = RuleLoader.LoadPaths([missing]);

        Assert.Empty(result.Rules);
        var error = Assert.Single(result.Errors);
        Assert.Equal(missing, error.File);
        Assert.Equal("rule path not found: pass an existing .toml, .ndjson or .json rule file or a folder of them", error.Message);
    }

    [Fact]
    public void ParseTomlAppliesKibanaDefaults()
    {
        var rule = RuleLoader.ParseToml(MinimalRule, "minimal.toml");

        Assert.Equal("kuery", rule.Language);
        Assert.Equal(1, rule.Version);
        Assert.Equal("5m", rule.Interval);
        Assert.Equal("now-6m", rule.From);
        Assert.Equal("now", rule.To);
        Assert.Equal(100, rule.MaxSignals);
        Assert.True(rule.Enabled);
        Assert.Null(rule.TimestampOverride);
        Assert.Empty(rule.Index);
        Assert.Empty(rule.Threat);
    }

    [Fact]
    public void ParseTomlKeepsSourcePath()
    {
        var rule = RuleLoader.ParseToml(MinimalRule, "minimal.toml");

        Assert.Equal("minimal.toml", rule.SourcePath);
    }

    [Theory]
    [InlineData("eql", "eql")]
    [InlineData("esql", "esql")]
    [InlineData("new_terms", "kuery")]
    [InlineData("threshold", "kuery")]
    [InlineData("machine_learning", null)]
    public void LanguageDefaultsByType(string type, string? language)
    {
        var rule = RuleLoader.ParseToml(MinimalRule.Replace("type = \"query\"", $"type = \"{type}\"", StringComparison.Ordinal), null);

        Assert.Equal(language, rule.Language);
    }

    [Fact]
    public void OtherFieldsKeepTypeSpecificTables()
    {
        var text = MinimalRule.Replace("type = \"query\"", "type = \"new_terms\"", StringComparison.Ordinal) + """

            [rule.new_terms]
            field = "new_terms_fields"
            value = ["aws.cloudtrail.user_identity.arn"]

            [[rule.new_terms.history_window_start]]
            field = "history_window_start"
            value = "now-7d"
            """;

        var rule = RuleLoader.ParseToml(text, null);

        Assert.Equal(
            """{"field":"new_terms_fields","value":["aws.cloudtrail.user_identity.arn"],"history_window_start":[{"field":"history_window_start","value":"now-7d"}]}""",
            rule.OtherFields["new_terms"]!.ToJsonString());
    }

    [Fact]
    public void MetadataIsRead()
    {
        var text = """
            [metadata]
            creation_date = "2021/05/17"
            updated_date = "2024/05/21"
            integration = ["aws"]
            maturity = "production"
            min_stack_version = "8.9.0"
            bypass_bbr_timing = true

            """ + MinimalRule;

        var metadata = RuleLoader.ParseToml(text, null).Metadata;

        Assert.Equal("2021/05/17", metadata.CreationDate);
        Assert.Equal("2024/05/21", metadata.UpdatedDate);
        Assert.Equal(["aws"], metadata.Integration);
        Assert.Equal("production", metadata.Maturity);
        Assert.Equal("8.9.0", metadata.MinStackVersion);
        Assert.Equal("true", metadata.OtherFields["bypass_bbr_timing"]!.ToJsonString());
    }

    [Fact]
    public void TryParseTomlReportsEveryError()
    {
        var text = MinimalRule.Replace("severity = \"medium\"", "severity = \"urgent\"", StringComparison.Ordinal)
            .Replace("risk_score = 47", "risk_score = 470", StringComparison.Ordinal);

        var parsed = RuleLoader.TryParseToml(text, "two-errors.toml", out var rule, out var errors);

        Assert.False(parsed);
        Assert.Null(rule);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void ParseTomlThrowsWithPosition()
    {
        var text = MinimalRule.Replace("risk_score = 47", "risk_score = 470", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => RuleLoader.ParseToml(text, "bad.toml"));

        Assert.Equal("bad.toml(7,1): invalid rule.risk_score 470: expected an integer from 0 to 100", error.Message);
    }

    [Fact]
    public void BuiltInTextHasNoFileName()
    {
        RuleLoader.TryParseToml("[rule]\nname = 1", null, out _, out var errors);

        Assert.All(errors, error => Assert.Equal("<built-in>", error.File));
    }

    [Fact]
    public void LoadCountsRulesAndFailures()
    {
        var loaded = 0L;
        var failed = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == RuleMetrics.MeterName)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument == RuleMetrics.RulesLoaded)
            {
                Interlocked.Add(ref loaded, value);
            }
            else if (instrument == RuleMetrics.RulesFailed)
            {
                Interlocked.Add(ref failed, value);
            }
        });
        listener.Start();

        var result = RuleLoader.LoadPaths([TestPaths.RuleFixtures]);

        // Other tests load rules in parallel, so the counters can only be checked from below.
        Assert.True(Interlocked.Read(ref loaded) >= result.Rules.Count);
        Assert.True(Interlocked.Read(ref failed) >= result.Errors.Count);
    }
}
