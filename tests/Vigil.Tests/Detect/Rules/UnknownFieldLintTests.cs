using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;

namespace Vigil.Tests.Detect.Rules;

public class UnknownFieldLintTests
{
    [Fact]
    public void TypoIsErrorWithSuggestion()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("event.acton:AssumeRole")));

        Assert.Equal(LintIds.UnknownField, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("did you mean event.action?", finding.Fix);
    }

    [Fact]
    public void UnknownFieldQueryOffset()
    {
        const string Query = "event.provider:sts.amazonaws.com and event.acton:AssumeRole";

        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(Query)));

        Assert.Equal(Query.IndexOf("event.acton", StringComparison.Ordinal), finding.QueryOffset);
    }

    [Fact]
    public void NegatedUnknownFieldIsWarning()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("event.action:AssumeRole and not event.acton:x")));

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("holds for every CloudTrail event", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldWithoutSuggestionIsWarning()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("zzzz.qqqq:1")));

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.StartsWith("check the field name", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectPathIsReported()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("aws.cloudtrail.user_identity:Root")));

        Assert.Contains("is an object", finding.Message, StringComparison.Ordinal);
    }

    /// <summary>Elasticsearch expands exists on an object to the fields below it, so these match events.</summary>
    [Theory]
    [InlineData("user:*")]
    [InlineData("not user:*")]
    [InlineData("aws.cloudtrail.user_identity:*")]
    [InlineData("aws.cloudtrail.flattened:*")]
    [InlineData("event.action:AssumeRole and user:*")]
    public void ExistsOnObjectHasNoFinding(string query)
    {
        Assert.DoesNotContain(RuleLinter.Lint(LintRules.FromQuery(query)), finding => finding.Id == LintIds.UnknownField);
    }

    [Fact]
    public void ValueOnObjectBesideExistsIsReported()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("user:* and user:bob")));

        Assert.Equal(LintIds.UnknownField, finding.Id);
        Assert.Contains("user is an object", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectKeyBelowStringCopySuggestsFlattened()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("aws.cloudtrail.request_parameters.roleArn:x")));

        Assert.Equal("did you mean aws.cloudtrail.flattened.request_parameters.roleArn?", finding.Fix);
    }

    [Theory]
    [InlineData("aws.cloudtrail.flattened.request_parameters.roleArn:x")]
    [InlineData("aws.cloudtrail.flattened.response_elements.credentials.accessKeyId:*")]
    [InlineData("labels.team:red")]
    [InlineData("user_agent.original.text:boto3")]
    [InlineData("cloud.image.id:ami-1")]
    public void KnownFieldsHaveNoFinding(string query)
    {
        Assert.Empty(LintRules.Problems(LintRules.FromQuery(query)));
    }

    [Fact]
    public void OtherAwsStreamsGiveNote()
    {
        var rule = LintRules.FromQuery("aws.guardduty.severity_code:x", ["logs-aws*"]);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);

        Assert.Equal(LintSeverity.Info, finding.Severity);
    }

    [Theory]
    [InlineData("event.acton:x", "event.acton")]
    [InlineData("user.nmae:x", "user.nmae")]
    [InlineData("source.zzzz:x", "source.zzzz")]
    [InlineData("event.action:AssumeRole and and user.name:x", "and user.name")]
    public void EcsNamespaceTypoIsError(string query, string field)
    {
        var rule = LintRules.FromQuery(query, ["logs-aws*"]);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.StartsWith($"{field} is neither an ECS field", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegatedEcsNamespaceTypoIsWarning()
    {
        var rule = LintRules.FromQuery("event.action:AssumeRole and not event.acton:x", ["logs-aws*"]);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void EcsNamespaceWithoutSuggestionIsError()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("event.zzzzzzzz:1")));

        Assert.Equal(LintIds.UnknownField, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
    }

    [Theory]
    [InlineData("logs-*")]
    [InlineData("logs-aws*", "logs-endpoint.events.*")]
    [InlineData("logs-endpoint.events.process-*", "logs-aws.cloudtrail-*")]
    public void EcsExtensionOnMixedIndexIsNote(params string[] index)
    {
        var rule = LintRules.FromQuery("event.category:process and process.Ext.token.integrity_level_name:high", index);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);

        Assert.Equal(LintSeverity.Info, finding.Severity);
        Assert.Contains("never matches a CloudTrail event", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logs-*")]
    [InlineData("filebeat-*", "logs-aws*")]
    public void EcsTypoOnWideIndexIsError(params string[] index)
    {
        var rule = LintRules.FromQuery("event.acton:AssumeRole", index);

        var finding = Assert.Single(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);

        Assert.Equal(LintSeverity.Error, finding.Severity);
    }

    [Fact]
    public void NonCloudTrailIndexNotChecked()
    {
        var rule = LintRules.FromQuery("gen_ai.prompt:*", ["logs-aws_bedrock.invocation-*"]);

        Assert.DoesNotContain(RuleLinter.Lint(rule), finding => finding.Id == LintIds.UnknownField);
    }

    [Fact]
    public void WrongTypeFromCatalogue()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("http.response.status_code:ok")));

        Assert.Equal(LintIds.WrongValueType, finding.Id);
    }

    [Fact]
    public void NewTermsFieldIsError()
    {
        var finding = NewTermsFixtureFindings().Single(finding => finding.Message.StartsWith("new_terms.value", StringComparison.Ordinal));

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(FixtureLine("value = [\"aws.cloudtrail.user_identity.arm\"]"), finding.Line);
        Assert.Equal("did you mean aws.cloudtrail.user_identity.arn?", finding.Fix);
    }

    [Fact]
    public void InvestigationFieldIsWarning()
    {
        var finding = NewTermsFixtureFindings().Single(finding => finding.Message.StartsWith("investigation_fields", StringComparison.Ordinal));

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("did you mean aws.cloudtrail.flattened.additional_eventdata.bytesTransferredOut?", finding.Fix);
    }

    [Fact]
    public void NewTermsFieldWithOtherStreamsIsNote()
    {
        using var folder = new Vigil.Tests.Support.TempDirectory();
        var path = Path.Combine(folder.Path, "rule.toml");
        File.WriteAllText(path, File.ReadAllText(FixturePath).Replace("index = [\"logs-aws.cloudtrail-*\"]", "index = [\"logs-aws*\"]", StringComparison.Ordinal));
        var rule = RuleLoader.LoadPaths([path]).Rules.Single();

        var findings = RuleLinter.Lint(rule).Where(finding => finding.Id == LintIds.UnknownField).ToList();

        Assert.Equal(2, findings.Count);
        Assert.All(findings, finding => Assert.Equal(LintSeverity.Info, finding.Severity));
    }

    private static string FixturePath => Path.Combine(TestPaths.RepositoryRoot, "tests", "Vigil.Tests", "Fixtures", "lint", "unknown-new-terms-field.toml");

    private static List<LintFinding> NewTermsFixtureFindings()
    {
        var rule = RuleLoader.LoadPaths([FixturePath]).Rules.Single();
        return RuleLinter.Lint(rule).Where(finding => finding.Id == LintIds.UnknownField).ToList();
    }

    private static int FixtureLine(string text)
    {
        var lines = File.ReadAllLines(FixturePath);
        return Array.FindIndex(lines, line => line.Contains(text, StringComparison.Ordinal)) + 1;
    }
}
