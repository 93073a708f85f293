using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Map;
using Vigil.Tests.Detect.Rules;

namespace Vigil.Tests.Alert;

public class AlertBuilderTests
{
    private static readonly DateTimeOffset ExecutionTime = new(2026, 11, 30, 9, 25, 0, 123, TimeSpan.Zero);

    private static DetectionRule Rule => BuiltInRules.All[0];

    private static JsonObject BuildAlert() => AlertBuilder.Build(Rule, AssumeRoleEvent.Create(), ExecutionTime);

    private static string? Text(JsonObject alert, string key) => alert[key]?.GetValue<string>();

    [Fact]
    public void EventKindBecomesSignal()
    {
        var alert = BuildAlert();

        Assert.Equal("signal", Text(alert, "event.kind"));
        Assert.False(alert["event"]!.AsObject().ContainsKey("kind"));
    }

    [Fact]
    public void SourceFieldsStayNested()
    {
        var alert = BuildAlert();

        Assert.Equal("AssumeRole", alert["event"]!["action"]!.GetValue<string>());
        Assert.Equal("203.0.113.7", alert["source"]!["ip"]!.GetValue<string>());
        Assert.Equal("Role", alert["aws"]!["cloudtrail"]!["user_identity"]!["session_context"]!["session_issuer"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void SourceEventIsNotChanged()
    {
        var sourceEvent = AssumeRoleEvent.Create();
        var before = sourceEvent.Root.ToJsonString();

        AlertBuilder.Build(Rule, sourceEvent, ExecutionTime);

        Assert.Equal(before, sourceEvent.Root.ToJsonString());
    }

    [Fact]
    public void OriginalEventFieldsAreFlat()
    {
        var alert = BuildAlert();

        Assert.Equal("AssumeRole", Text(alert, "kibana.alert.original_event.action"));
        Assert.Equal("event", Text(alert, "kibana.alert.original_event.kind"));
        Assert.Equal("success", Text(alert, "kibana.alert.original_event.outcome"));
        Assert.Equal("sts.amazonaws.com", Text(alert, "kibana.alert.original_event.provider"));
        Assert.Equal("aws.cloudtrail", Text(alert, "kibana.alert.original_event.dataset"));
        Assert.Equal(AssumeRoleEvent.EventId, Text(alert, "kibana.alert.original_event.id"));
        Assert.Equal("""["authentication"]""", alert["kibana.alert.original_event.category"]!.ToJsonString());
    }

    [Fact]
    public void DottedEventKeysAreMovedToo()
    {
        var source = new JsonObject { ["event.kind"] = "event", ["event.action"] = "AssumeRole" };

        var alert = AlertBuilder.Build(Rule, new EcsDocument(source), ExecutionTime);

        Assert.Equal("signal", Text(alert, "event.kind"));
        Assert.Equal("event", Text(alert, "kibana.alert.original_event.kind"));
        Assert.Equal("AssumeRole", Text(alert, "kibana.alert.original_event.action"));
    }

    [Fact]
    public void TimestampIsExecutionTime()
    {
        var alert = BuildAlert();

        Assert.Equal("2026-11-30T09:25:00.123Z", Text(alert, "@timestamp"));
        Assert.Equal("2026-11-30T09:15:42.000Z", Text(alert, "kibana.alert.original_time"));
        Assert.Equal("2026-11-30T09:25:00.123Z", Text(alert, "kibana.alert.rule.execution.timestamp"));
    }

    [Fact]
    public void EpochMillisecondTimestampIsRead()
    {
        var source = new JsonObject { ["@timestamp"] = 1_764_494_142_000 };

        var alert = AlertBuilder.Build(Rule, new EcsDocument(source), ExecutionTime);

        Assert.Equal("2025-11-30T09:15:42.000Z", Text(alert, "kibana.alert.original_time"));
    }

    [Fact]
    public void InvalidTimestampHasNoOriginalTime()
    {
        var source = new JsonObject { ["@timestamp"] = "yesterday" };

        var alert = AlertBuilder.Build(Rule, new EcsDocument(source), ExecutionTime);

        Assert.False(alert.ContainsKey("kibana.alert.original_time"));
    }

    [Fact]
    public void AlertState()
    {
        var alert = BuildAlert();

        Assert.Equal("open", Text(alert, "kibana.alert.workflow_status"));
        Assert.Equal("active", Text(alert, "kibana.alert.status"));
        Assert.Equal(1, alert["kibana.alert.depth"]!.GetValue<int>());
        Assert.Equal("""["default"]""", alert["kibana.space_ids"]!.ToJsonString());
        Assert.Equal("[]", alert["kibana.alert.workflow_tags"]!.ToJsonString());
        Assert.Equal("low", Text(alert, "kibana.alert.severity"));
        Assert.Equal(21, alert["kibana.alert.risk_score"]!.GetValue<int>());
        Assert.False(alert.ContainsKey("kibana.alert.building_block_type"));
    }

    [Fact]
    public void AncestorIsSourceEvent()
    {
        var alert = BuildAlert();
        var sourceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AssumeRoleEvent.Create().Root.ToJsonString())));

        Assert.Equal(
            $$"""[{"id":"{{sourceId}}","type":"event","index":"logs-aws.cloudtrail-default","depth":0}]""",
            alert["kibana.alert.ancestors"]!.ToJsonString());
    }

    [Fact]
    public void AncestorIdHashesTheDocumentTextWithEscapes()
    {
        var source = AssumeRoleEvent.Create();
        source.Root["user_agent"] = new JsonObject { ["original"] = "café <b>&'\u0001 \ud83d\ude00" };
        var sourceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.Root.ToJsonString())));

        var alert = AlertBuilder.Build(Rule, source, ExecutionTime);

        Assert.Equal(sourceId, alert["kibana.alert.ancestors"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void RuleIdentityFields()
    {
        var alert = BuildAlert();

        Assert.Equal(Rule.Uuid, Text(alert, "kibana.alert.rule.uuid"));
        Assert.Equal("93075852-b0f5-4b8b-89c3-a226efae5726", Text(alert, "kibana.alert.rule.rule_id"));
        Assert.Equal("AWS Security Token Service (STS) AssumeRole Usage", Text(alert, "kibana.alert.rule.name"));
        Assert.Equal(Rule.Description, Text(alert, "kibana.alert.rule.description"));
        Assert.Equal("query", Text(alert, "kibana.alert.rule.type"));
        Assert.Equal("siem.queryRule", Text(alert, "kibana.alert.rule.rule_type_id"));
        Assert.Equal(2, alert["kibana.alert.rule.version"]!.GetValue<int>());
        Assert.Equal("low", Text(alert, "kibana.alert.rule.severity"));
        Assert.Equal(21, alert["kibana.alert.rule.risk_score"]!.GetValue<int>());
    }

    [Fact]
    public void RuleScheduleFields()
    {
        var alert = BuildAlert();

        Assert.Equal("5m", Text(alert, "kibana.alert.rule.interval"));
        Assert.Equal("now-6m", Text(alert, "kibana.alert.rule.from"));
        Assert.Equal("now", Text(alert, "kibana.alert.rule.to"));
        Assert.Equal(100, alert["kibana.alert.rule.max_signals"]!.GetValue<int>());
        Assert.Equal("event.ingested", Text(alert, "kibana.alert.rule.timestamp_override"));
        Assert.Equal("""["filebeat-*","logs-aws*"]""", alert["kibana.alert.rule.indices"]!.ToJsonString());
    }

    [Fact]
    public void RuleDocumentationFields()
    {
        var alert = BuildAlert();

        Assert.Equal("""["Elastic","Cloud","AWS","Continuous Monitoring","SecOps","Identity and Access"]""", alert["kibana.alert.rule.tags"]!.ToJsonString());
        Assert.Equal("""["https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"]""", alert["kibana.alert.rule.references"]!.ToJsonString());
        Assert.Equal("""["Austin Songer"]""", alert["kibana.alert.rule.author"]!.ToJsonString());
        Assert.Equal("Elastic License v2", Text(alert, "kibana.alert.rule.license"));
        Assert.Equal(RuleApiJson.Threat(Rule.Threat).ToJsonString(), alert["kibana.alert.rule.threat"]!.ToJsonString());
    }

    [Fact]
    public void RuleParametersHoldQuery()
    {
        var alert = BuildAlert();

        var parameters = alert["kibana.alert.rule.parameters"]!.AsObject();

        Assert.Equal(Rule.Query, parameters["query"]!.GetValue<string>());
        Assert.Equal("kuery", parameters["language"]!.GetValue<string>());
        Assert.Equal(Rule.RuleId, parameters["rule_id"]!.GetValue<string>());
    }

    [Fact]
    public void ReasonText()
    {
        var alert = BuildAlert();

        Assert.Equal(
            "authentication event with source 203.0.113.7 by alice created low alert AWS Security Token Service (STS) AssumeRole Usage.",
            Text(alert, "kibana.alert.reason"));
    }

    [Fact]
    public void AlertUuidFollowsKibanaScheme()
    {
        var sourceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AssumeRoleEvent.Create().Root.ToJsonString())));
        var hashed = "logs-aws.cloudtrail-default" + sourceId + "undefined" + "default:" + Rule.Uuid;
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hashed)));

        Assert.Equal(expected, Text(BuildAlert(), "kibana.alert.uuid"));
    }

    [Fact]
    public void SameEventIdOtherContentGetsOtherUuid()
    {
        var other = AssumeRoleEvent.Create();
        other.Root["source"] = new JsonObject { ["address"] = "192.0.2.1" };

        var otherAlert = AlertBuilder.Build(Rule, other, ExecutionTime);

        Assert.NotEqual(Text(BuildAlert(), "kibana.alert.uuid"), Text(otherAlert, "kibana.alert.uuid"));
    }

    [Fact]
    public void SameInputsGiveSameAlert()
    {
        Assert.Equal(BuildAlert().ToJsonString(), BuildAlert().ToJsonString());
    }

    [Fact]
    public void AlertUuidIgnoresExecutionTime()
    {
        var later = AlertBuilder.Build(Rule, AssumeRoleEvent.Create(), ExecutionTime.AddMinutes(5));

        Assert.Equal(Text(BuildAlert(), "kibana.alert.uuid"), Text(later, "kibana.alert.uuid"));
        Assert.NotEqual(Text(BuildAlert(), "kibana.alert.rule.execution.uuid"), Text(later, "kibana.alert.rule.execution.uuid"));
    }

    [Fact]
    public void OtherEventGetsOtherUuid()
    {
        var other = AlertBuilder.Build(Rule, AssumeRoleEvent.Create("0f4b1c55-0000-4000-8000-000000000000"), ExecutionTime);

        Assert.NotEqual(Text(BuildAlert(), "kibana.alert.uuid"), Text(other, "kibana.alert.uuid"));
    }

    [Fact]
    public void OtherRuleGetsOtherUuid()
    {
        var v1Path = TestPaths.RuleFixture("aws-sts-assumerole-usage-v1.toml");
        var v1 = RuleLoader.ParseToml(File.ReadAllText(v1Path), v1Path);
        var renamed = new DetectionRule
        {
            RuleId = "00000000-0000-4000-8000-000000000003",
            Uuid = NameBasedUuid.ForRuleId("00000000-0000-4000-8000-000000000003"),
            Name = v1.Name,
            Description = v1.Description,
            Type = v1.Type,
            Severity = v1.Severity,
            RiskScore = v1.RiskScore,
        };

        var other = AlertBuilder.Build(renamed, AssumeRoleEvent.Create(), ExecutionTime);

        Assert.Equal(Text(BuildAlert(), "kibana.alert.uuid"), Text(AlertBuilder.Build(v1, AssumeRoleEvent.Create(), ExecutionTime), "kibana.alert.uuid"));
        Assert.NotEqual(Text(BuildAlert(), "kibana.alert.uuid"), Text(other, "kibana.alert.uuid"));
    }

    [Fact]
    public void EventWithoutIdHashesDocument()
    {
        var source = AssumeRoleEvent.Json();
        source["event"]!.AsObject().Remove("id");

        var first = AlertBuilder.Build(Rule, new EcsDocument(source), ExecutionTime);
        var second = AlertBuilder.Build(Rule, new EcsDocument(source.DeepClone().AsObject()), ExecutionTime);

        Assert.Equal(64, first["kibana.alert.ancestors"]![0]!["id"]!.GetValue<string>().Length);
        Assert.Equal(Text(first, "kibana.alert.uuid"), Text(second, "kibana.alert.uuid"));
    }

    [Fact]
    public void RuleNameOverrideRenamesAlert()
    {
        var rule = CopyWithNameOverride("aws.cloudtrail.user_identity.arn");

        var alert = AlertBuilder.Build(rule, AssumeRoleEvent.Create(), ExecutionTime);

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/deploy/alice", Text(alert, "kibana.alert.rule.name"));
        Assert.EndsWith("alert arn:aws:sts::123456789012:assumed-role/deploy/alice.", Text(alert, "kibana.alert.reason"), StringComparison.Ordinal);
    }

    [Fact]
    public void RuleNameOverrideNeedsString()
    {
        var rule = CopyWithNameOverride("event.category");

        var alert = AlertBuilder.Build(rule, AssumeRoleEvent.Create(), ExecutionTime);

        Assert.Equal(Rule.Name, Text(alert, "kibana.alert.rule.name"));
    }

    [Fact]
    public void RuleFields_PerAlertCopies()
    {
        var first = BuildAlert();
        var second = BuildAlert();

        first["kibana.alert.rule.parameters"]!.AsObject()["query"] = "changed";
        first["kibana.alert.rule.tags"]!.AsArray().Add("changed");

        Assert.Equal(Rule.Query, second["kibana.alert.rule.parameters"]!["query"]!.GetValue<string>());
        Assert.DoesNotContain("changed", second["kibana.alert.rule.tags"]!.AsArray().Select(tag => tag!.GetValue<string>()));
    }

    [Fact]
    public void DeepSource_AlertBuilt()
    {
        var source = AssumeRoleEvent.DeepJson();

        var alert = AlertBuilder.Build(Rule, new EcsDocument(source), ExecutionTime);

        Assert.Equal(source["deep"]!.ToJsonString(), alert["deep"]!.ToJsonString());
    }

    private static DetectionRule CopyWithNameOverride(string field) => new()
    {
        RuleId = Rule.RuleId,
        Uuid = Rule.Uuid,
        Name = Rule.Name,
        Description = Rule.Description,
        Type = Rule.Type,
        Severity = Rule.Severity,
        RiskScore = Rule.RiskScore,
        RuleNameOverride = field,
    };
}
