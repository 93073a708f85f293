using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

public class RuleLinterTests
{
    [Fact]
    public void AssumedRoleFixtureIsError()
    {
        var path = TestPaths.RuleFixture("aws-sts-assumerole-usage-v1.toml");

        var finding = AssumedRoleFinding(path);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(LintIds.ActionIsValueOfOtherField, finding.Id);
        Assert.Contains("did you mean AssumeRole", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AssumedRoleFixturePosition()
    {
        var path = TestPaths.RuleFixture("aws-sts-assumerole-usage-v1.toml");

        var finding = AssumedRoleFinding(path);

        Assert.Equal(FilePosition(path, "AssumedRole and"), (finding.Line!.Value, finding.Column!.Value));
    }

    [Fact]
    public void AssumedRoleHistoryTomlIsError()
    {
        var history = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws", "history");
        var path = Directory.GetFiles(history, "*as-documented.toml").Single();

        var finding = AssumedRoleFinding(path);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(FilePosition(path, "AssumedRole and"), (finding.Line!.Value, finding.Column!.Value));
        Assert.Contains("AssumeRole", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AssumeRoleVersion2HasNoFindings()
    {
        var rule = RuleLoader.LoadPaths([TestPaths.RuleFixture("aws-sts-assumerole-usage-v2.toml")]).Rules.Single();

        Assert.Empty(RuleLinter.Lint(rule));
    }

    [Fact]
    public void BuiltInRuleHasNoFindings()
    {
        Assert.All(BuiltInRules.All, rule => Assert.Empty(RuleLinter.Lint(rule)));
    }

    [Fact]
    public void ProviderNotLoggingActionIsError()
    {
        var rule = LintRules.FromQuery("event.provider:cloudtrail.amazonaws.com and event.action:CreateRoute");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.ActionNotLoggedByProvider, finding.Id);
        Assert.Contains("ec2.amazonaws.com", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void TypoSuggestsNearestName()
    {
        var rule = LintRules.FromQuery("event.provider:organizations.amazonaws.com and event.action:DescribeOrgnanizationalUnit");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.StartsWith("did you mean DescribeOrganizationalUnit or", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedNameSuggestsFullName()
    {
        var rule = LintRules.FromQuery("event.provider:ec2.amazonaws.com and event.action:ReplaceIamInstanceProfile");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.ActionNotLoggedByProvider, finding.Id);
        Assert.Equal("did you mean ReplaceIamInstanceProfileAssociation?", finding.Fix);
    }

    [Fact]
    public void WrongCaseSuggestsName()
    {
        var rule = LintRules.FromQuery("event.provider:iam.amazonaws.com and event.action:ADDUSERTOGROUP");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal("did you mean AddUserToGroup?", finding.Fix);
    }

    [Fact]
    public void LambdaVersionedNamesAccepted()
    {
        var rule = LintRules.FromQuery("event.provider:lambda.amazonaws.com and event.action:(CreateFunction20150331 or UpdateFunctionCode20150331v2 or Invoke)");

        Assert.Empty(LintRules.Problems(rule));
    }

    [Fact]
    public void LambdaWildcardAccepted()
    {
        var rule = LintRules.FromQuery("event.provider:lambda.amazonaws.com and event.action:CreateFunction*");

        Assert.Empty(LintRules.Problems(rule));
    }

    [Fact]
    public void LambdaWildcardWithoutMatchIsError()
    {
        var rule = LintRules.FromQuery("event.provider:lambda.amazonaws.com and event.action:CreateFunktion*");

        Assert.Equal(LintIds.ActionNotLoggedByProvider, Assert.Single(LintRules.Problems(rule)).Id);
    }

    [Fact]
    public void SigninNamesNotChecked()
    {
        var rule = LintRules.FromQuery("event.provider:signin.amazonaws.com and event.action:ConsoleLogin");

        Assert.Empty(LintRules.Problems(rule));
    }

    [Fact]
    public void UnknownProviderIsWarning()
    {
        var rule = LintRules.FromQuery("event.provider:eventbridge.amazonaws.com and event.action:DisableRule");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.UnknownProvider, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("events.amazonaws.com", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherFieldValueWithoutProviderIsError()
    {
        var rule = LintRules.FromQuery("event.action:AssumedRole");

        Assert.Equal(LintIds.ActionIsValueOfOtherField, Assert.Single(LintRules.Problems(rule)).Id);
    }

    [Theory]
    [InlineData("event.outcome:sucess", "did you mean success?")]
    [InlineData("event.outcome:Success", "values are case-sensitive: use success")]
    [InlineData("aws.cloudtrail.user_identity.type:AssumeRole", "did you mean AssumedRole?")]
    [InlineData("aws.cloudtrail.event_type:AwsApiCal", "did you mean AwsApiCall?")]
    [InlineData("cloud.provider:azure", "use one of aws")]
    public void ImpossibleValueIsError(string query, string fix)
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)));

        Assert.Equal(LintIds.ImpossibleValue, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(fix, finding.Fix);
    }

    [Theory]
    [InlineData("event.dataset:aws.cloudtrails and event.action:AssumeRole", LintSeverity.Error, "did you mean aws.cloudtrail?")]
    [InlineData("event.dataset:aws.guardduty", LintSeverity.Error, "use one of aws.cloudtrail")]
    [InlineData("not event.dataset:aws.cloudtrails", LintSeverity.Warning, "did you mean aws.cloudtrail?")]
    public void DatasetNotRead_IsReported(string query, LintSeverity severity, string fix)
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)));

        Assert.Equal(LintIds.ImpossibleValue, finding.Id);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(fix, finding.Fix);
        Assert.Contains("index patterns logs-aws.cloudtrail-*", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("event.dataset:aws.cloudtrail", "logs-aws.cloudtrail-*")]
    [InlineData("event.dataset:aws.cloud*", "logs-aws.cloudtrail-*")]
    [InlineData("event.dataset:aws.guardduty", "logs-aws.cloudtrail-*,logs-aws.guardduty-*")]
    [InlineData("event.dataset:okta.system", "logs-*")]
    [InlineData("event.dataset:aws.anything", "filebeat-*")]
    [InlineData("event.dataset:aws.cloudtrails", "logs-aws.*")]
    [InlineData("event.dataset:aws.cloudtrails", "logs-aws.cloudtrail*")]
    [InlineData("event.dataset:okta*", "logs-aws.cloudtrail-*")]
    public void DatasetRead_IsNotReported(string query, string index)
    {
        var rule = LintRules.FromQuery(query, index.Split(','));

        Assert.DoesNotContain(LintRules.Problems(rule), finding => finding.Id == LintIds.ImpossibleValue);
    }

    [Fact]
    public void ImpossibleValueQueryOffset()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("event.dataset:aws.cloudtrail and event.outcome:sucess")));

        Assert.Equal(47, finding.QueryOffset);
    }

    [Fact]
    public void ContradictionIsError()
    {
        var rule = LintRules.FromQuery("event.provider:iam.amazonaws.com and event.action:CreateUser and event.action:DeleteUser");

        Assert.Equal(LintIds.ContradictoryValues, Assert.Single(LintRules.Problems(rule)).Id);
    }

    [Theory]
    [InlineData("event.provider:sts.amazonaws.com and event.action:AssumeRole and not event.action:AssumeRole")]
    [InlineData("event.provider:sts.amazonaws.com and event.action:(AssumeRole or GetSessionToken) and not event.action:(GetSessionToken or AssumeRole)")]
    [InlineData("event.provider:sts.amazonaws.com and not event.action:(AssumeRole or GetSessionToken) and event.action:AssumeRole")]
    [InlineData("user.name:alice and not user.name:alice")]
    public void ValueAndItsNegationIsError(string query)
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)), problem => problem.Id == LintIds.ContradictoryValues);

        Assert.Contains("excludes each of them", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("event.provider:sts.amazonaws.com and event.action:(AssumeRole or GetSessionToken) and not event.action:AssumeRole")]
    [InlineData("event.provider:sts.amazonaws.com and event.action:AssumeRole and not (event.action:AssumeRole and user.name:alice)")]
    [InlineData("event.provider:sts.amazonaws.com and event.action:AssumeRole and not user.name:AssumeRole")]
    [InlineData("message:curl and not message:\"curl\"")]
    public void NegationLeavingAValueAccepted(string query)
    {
        Assert.DoesNotContain(LintRules.Problems(LintRules.FromQuery(query)), problem => problem.Id == LintIds.ContradictoryValues);
    }

    [Fact]
    public void OverlappingValueSetsAccepted()
    {
        var rule = LintRules.FromQuery("event.action:(CreateUser or DeleteUser) and event.action:(DeleteUser or GetUser)");

        Assert.Empty(LintRules.Problems(rule));
    }

    [Fact]
    public void MultiValuedFieldNotContradiction()
    {
        var rule = LintRules.FromQuery("event.category:iam and event.category:configuration");

        Assert.Empty(LintRules.Problems(rule));
    }

    [Fact]
    public void ProviderInOtherBranch_NoActionFinding()
    {
        var rule = LintRules.FromQuery("(event.action:AssumeRole and event.provider:sts.amazonaws.com) or event.action:GetObject");

        Assert.DoesNotContain(LintRules.Problems(rule), finding => finding.Id == LintIds.ActionNotLoggedByProvider);
    }

    [Fact]
    public void ProviderOfOwnBranch_NamesOnlyIt()
    {
        var rule = LintRules.FromQuery("(event.provider:organizations.amazonaws.com and event.action:DescribeOrgnanizationalUnit) or (event.provider:iam.amazonaws.com and event.action:ListUsers)");

        var finding = Assert.Single(LintRules.Problems(rule), finding => finding.Id == LintIds.ActionNotLoggedByProvider);

        Assert.StartsWith("event.action \"DescribeOrgnanizationalUnit\" is never logged by event.provider organizations.amazonaws.com.", finding.Message + ".", StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAndPresentIsError()
    {
        var rule = LintRules.FromQuery("not user.name:* and user.name:alice");

        Assert.Equal(LintIds.MissingAndPresent, Assert.Single(LintRules.Problems(rule)).Id);
    }

    [Fact]
    public void UnmatchedIndexIsWarning()
    {
        var rule = LintRules.FromQuery("event.outcome:success", ["winlogbeat-*"]);

        Assert.Equal(LintIds.UnmatchedIndexPatterns, Assert.Single(LintRules.Problems(rule)).Id);
    }

    [Fact]
    public void NoThreatMappingIsInfo()
    {
        var rule = LintRules.FromQuery("event.outcome:success");
        var unmapped = new DetectionRule
        {
            RuleId = rule.RuleId, Uuid = rule.Uuid, Name = rule.Name, Description = rule.Description, Type = rule.Type,
            Language = rule.Language, Query = rule.Query, Index = rule.Index, Severity = rule.Severity, RiskScore = rule.RiskScore,
        };

        var finding = Assert.Single(RuleLinter.Lint(unmapped));

        Assert.Equal((LintIds.NoThreatMapping, LintSeverity.Info), (finding.Id, finding.Severity));
    }

    [Theory]
    [InlineData("source.port:https")]
    [InlineData("source.ip:not-an-ip")]
    [InlineData("aws.cloudtrail.read_only:yes")]
    public void WrongValueTypeIsError(string query)
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)));

        Assert.Equal(LintIds.WrongValueType, finding.Id);
    }

    [Theory]
    [InlineData("source.ip:not-an-ip", "source.ip is an ip field", "use an ip value")]
    [InlineData("source.port:https", "source.port is a long field", "use a long value")]
    public void WrongValueTypeArticle(string query, string message, string fix)
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)));

        Assert.StartsWith(message, finding.Message, StringComparison.Ordinal);
        Assert.StartsWith(fix, finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source.port:443")]
    [InlineData("source.ip:10.0.0.0/8")]
    [InlineData("aws.cloudtrail.read_only:false")]
    public void RightValueTypeAccepted(string query)
    {
        Assert.Empty(LintRules.Problems(LintRules.FromQuery(query)));
    }

    [Fact]
    public void LeadingWildcardReportedOncePerField()
    {
        var rule = LintRules.FromQuery("aws.cloudtrail.request_parameters:(*Deny* or *deny*) and user_agent.original:*terraform*");

        var finding = Assert.Single(RuleLinter.Lint(rule));

        Assert.Equal((LintIds.LeadingWildcard, LintSeverity.Info), (finding.Id, finding.Severity));
        Assert.Contains("aws.cloudtrail.request_parameters", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TacticNameMismatchIsWarning()
    {
        var rule = WithThreat(new ThreatTactic("TA0004", "Persistence", "https://attack.mitre.org/tactics/TA0004/"), []);

        var finding = Assert.Single(RuleLinter.Lint(rule));

        Assert.Equal(LintIds.ThreatMismatch, finding.Id);
        Assert.Equal("set the tactic name to \"Privilege Escalation\" or fix the id", finding.Fix);
    }

    [Fact]
    public void SubtechniqueOfOtherTechniqueIsWarning()
    {
        var subtechnique = new ThreatSubtechnique("T1550.001", "Application Access Token", "https://attack.mitre.org/techniques/T1550/001/");
        var technique = new ThreatTechnique("T1548", "Abuse Elevation Control Mechanism", "https://attack.mitre.org/techniques/T1548/", [subtechnique]);

        var findings = RuleLinter.Lint(WithThreat(new ThreatTactic("TA0004", "Privilege Escalation", "https://attack.mitre.org/tactics/TA0004/"), [technique]));

        Assert.Contains(findings, finding => finding.Message == "sub-technique T1550.001 does not belong to technique T1548");
    }

    private static DetectionRule WithThreat(ThreatTactic tactic, IReadOnlyList<ThreatTechnique> techniques)
    {
        var rule = LintRules.FromQuery("event.outcome:success");
        return new DetectionRule
        {
            RuleId = rule.RuleId, Uuid = rule.Uuid, Name = rule.Name, Description = rule.Description, Type = rule.Type,
            Language = rule.Language, Query = rule.Query, Index = rule.Index, Severity = rule.Severity, RiskScore = rule.RiskScore,
            Threat = [new ThreatMapping("MITRE ATT&CK", tactic, techniques)],
        };
    }

    private static LintFinding AssumedRoleFinding(string path)
    {
        var rule = RuleLoader.ParseToml(File.ReadAllText(path), path);
        return Assert.Single(RuleLinter.Lint(rule), finding => finding.Message.Contains("\"AssumedRole\"", StringComparison.Ordinal));
    }

    private static (int Line, int Column) FilePosition(string path, string text)
    {
        var lines = File.ReadAllLines(path);
        var line = Array.FindIndex(lines, candidate => candidate.Contains(text, StringComparison.Ordinal));
        return (line + 1, lines[line].IndexOf(text, StringComparison.Ordinal) + 1);
    }
}
