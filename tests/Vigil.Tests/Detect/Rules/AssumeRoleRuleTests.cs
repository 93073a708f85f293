using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

/// <summary>The AssumeRole rule: the documented version 1, the fixed version 2 and the built-in.</summary>
public class AssumeRoleRuleTests
{
    private const string RuleId = "93075852-b0f5-4b8b-89c3-a226efae5726";

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static DetectionRule LoadFixture(string name)
    {
        var path = TestPaths.RuleFixture(name);
        return RuleLoader.ParseToml(File.ReadAllText(path), path);
    }

    [Fact]
    public void V1QueriesAssumedRole()
    {
        var rule = LoadFixture("aws-sts-assumerole-usage-v1.toml");

        Assert.Equal(1, rule.Version);
        Assert.Equal(
            "event.dataset:aws.cloudtrail and event.provider:sts.amazonaws.com and event.action:AssumedRole and\n"
            + "aws.cloudtrail.user_identity.session_context.session_issuer.type:Role and event.outcome:success\n",
            rule.Query);
    }

    [Fact]
    public void V2QueriesAssumeRole()
    {
        var rule = LoadFixture("aws-sts-assumerole-usage-v2.toml");

        Assert.Equal(2, rule.Version);
        Assert.Contains("event.action:AssumeRole and", rule.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("AssumedRole", rule.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionsDifferInQueryOnly()
    {
        var v1 = RuleApiJson.Rule(LoadFixture("aws-sts-assumerole-usage-v1.toml"));
        var v2 = RuleApiJson.Rule(LoadFixture("aws-sts-assumerole-usage-v2.toml"));

        v1.Remove("query");
        v1.Remove("version");
        v2.Remove("query");
        v2.Remove("version");
        Assert.Equal(v1.ToJsonString(), v2.ToJsonString());
    }

    [Fact]
    public void V2FixtureEqualsBuiltIn()
    {
        var fixture = LoadFixture("aws-sts-assumerole-usage-v2.toml");
        var builtIn = Assert.Single(BuiltInRules.All);

        Assert.Equal(RuleApiJson.Rule(fixture).ToJsonString(), RuleApiJson.Rule(builtIn).ToJsonString());
        Assert.Equal(fixture.Metadata.CreationDate, builtIn.Metadata.CreationDate);
        Assert.Equal(fixture.Metadata.Maturity, builtIn.Metadata.Maturity);
        Assert.Equal(fixture.Metadata.Integration, builtIn.Metadata.Integration);
    }

    [Fact]
    public void BuiltInIdentity()
    {
        var rule = Assert.Single(BuiltInRules.All);

        Assert.Equal(RuleId, rule.RuleId);
        Assert.Equal("AWS Security Token Service (STS) AssumeRole Usage", rule.Name);
        Assert.Equal("query", rule.Type);
        Assert.Equal("kuery", rule.Language);
        Assert.Equal(2, rule.Version);
        Assert.Null(rule.SourcePath);
        Assert.True(rule.Enabled);
    }

    [Fact]
    public void BuiltInQuery()
    {
        var rule = Assert.Single(BuiltInRules.All);

        Assert.Equal(
            "event.dataset:aws.cloudtrail and event.provider:sts.amazonaws.com and event.action:AssumeRole and\n"
            + "aws.cloudtrail.user_identity.session_context.session_issuer.type:Role and event.outcome:success\n",
            rule.Query);
    }

    [Fact]
    public void BuiltInScheduleAndScoring()
    {
        var rule = Assert.Single(BuiltInRules.All);

        Assert.Equal(["filebeat-*", "logs-aws*"], rule.Index);
        Assert.Equal("low", rule.Severity);
        Assert.Equal(21, rule.RiskScore);
        Assert.Equal("5m", rule.Interval);
        Assert.Equal("now-6m", rule.From);
        Assert.Equal("now", rule.To);
        Assert.Equal(100, rule.MaxSignals);
        Assert.Equal("event.ingested", rule.TimestampOverride);
        Assert.False(rule.TimestampOverrideFallbackDisabled);
    }

    [Fact]
    public void BuiltInDocumentation()
    {
        var rule = Assert.Single(BuiltInRules.All);

        Assert.Equal(["https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"], rule.References);
        Assert.Equal(["Elastic", "Cloud", "AWS", "Continuous Monitoring", "SecOps", "Identity and Access"], rule.Tags);
        Assert.Equal(["Austin Songer"], rule.Author);
        Assert.Equal("Elastic License v2", rule.License);
        Assert.StartsWith("Detects calls to the AWS STS AssumeRole API.", rule.Description, StringComparison.Ordinal);
        Assert.StartsWith("## Config", rule.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltInThreatMapping()
    {
        var rule = Assert.Single(BuiltInRules.All);

        Assert.Equal(2, rule.Threat.Count);
        Assert.All(rule.Threat, mapping => Assert.Equal("MITRE ATT&CK", mapping.Framework));
        Assert.Equal(new ThreatTactic("TA0004", "Privilege Escalation", "https://attack.mitre.org/tactics/TA0004/"), rule.Threat[0].Tactic);
        var escalation = Assert.Single(rule.Threat[0].Techniques);
        Assert.Equal(("T1548", "Abuse Elevation Control Mechanism", "https://attack.mitre.org/techniques/T1548/"), (escalation.Id, escalation.Name, escalation.Reference));
        Assert.Empty(escalation.Subtechniques);
        Assert.Equal(new ThreatTactic("TA0008", "Lateral Movement", "https://attack.mitre.org/tactics/TA0008/"), rule.Threat[1].Tactic);
        var lateral = Assert.Single(rule.Threat[1].Techniques);
        Assert.Equal(("T1550", "Use Alternate Authentication Material", "https://attack.mitre.org/techniques/T1550/"), (lateral.Id, lateral.Name, lateral.Reference));
        Assert.Equal(new ThreatSubtechnique("T1550.001", "Application Access Token", "https://attack.mitre.org/techniques/T1550/001/"), Assert.Single(lateral.Subtechniques));
    }

    [Fact]
    public void BuiltInUuidDerivesFromRuleId()
    {
        var rule = Assert.Single(BuiltInRules.All);

        Assert.Equal(NameBasedUuid.ForRuleId(RuleId), rule.Uuid);
        Assert.NotEqual(RuleId, rule.Uuid);
        Assert.Equal(rule.Uuid, LoadFixture("aws-sts-assumerole-usage-v1.toml").Uuid);
    }

    [Fact]
    public void BuiltInThreatAsKibanaJson()
    {
        var rule = Assert.Single(BuiltInRules.All);

        var threat = RuleApiJson.Threat(rule.Threat).ToJsonString(RelaxedJson);

        Assert.Equal(
            """[{"framework":"MITRE ATT&CK","tactic":{"id":"TA0004","name":"Privilege Escalation","reference":"https://attack.mitre.org/tactics/TA0004/"},"technique":[{"id":"T1548","name":"Abuse Elevation Control Mechanism","reference":"https://attack.mitre.org/techniques/T1548/"}]},"""
            + """{"framework":"MITRE ATT&CK","tactic":{"id":"TA0008","name":"Lateral Movement","reference":"https://attack.mitre.org/tactics/TA0008/"},"technique":[{"id":"T1550","name":"Use Alternate Authentication Material","reference":"https://attack.mitre.org/techniques/T1550/","subtechnique":[{"id":"T1550.001","name":"Application Access Token","reference":"https://attack.mitre.org/techniques/T1550/001/"}]}]}]""",
            threat);
    }
}
