using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Hunt;

public class RawFieldCheckTests
{
    private const string IssuerPath = "userIdentity.sessionContext.sessionIssuer.type";

    private static readonly RawFieldCheck IssuerIsRole = new(IssuerPath, Filter("aws.cloudtrail.user_identity.session_context.session_issuer.type", "Role"));

    private static readonly RawFieldCheck KeyIsCredentials = new(
        "requestParameters.key",
        Filter("aws.cloudtrail.flattened.request_parameters.key", "(*/.aws/credentials or *.pem)"),
        AnyParentMayMatch: true);

    private static KqlValueFilter Filter(string field, string values) =>
        KqlValueFilter.For(Kql.Parse($"{field}:{values}").Query!, field, FieldMapping.CloudTrail)!;

    [Theory]
    [InlineData("""{"userIdentity":{"sessionContext":{"sessionIssuer":{"type":"Role"}}}}""", true)]
    [InlineData("""{"userIdentity":{"sessionContext":{"sessionIssuer":{"type":"IAMUser"}}}}""", false)]
    [InlineData("""{"userIdentity":{"type":"IAMUser"}}""", false)]
    [InlineData("""{"userIdentity":{"sessionContext":{"sessionIssuer":{"type":null}}}}""", false)]
    [InlineData("""{"userIdentity":{"sessionContext":{"sessionIssuer":{"type":["Role"]}}}}""", true)]
    [InlineData("""{"userIdentity":{"sessionContext":{"sessionIssuer":{"type":7}}}}""", true)]
    [InlineData("""{"userIdentity":"Role"}""", false)]
    [InlineData("""{"userIdentity":{"sessionContext":{"sessionIssuer":{"type":{"a":"Role"}}}}}""", true)]
    [InlineData("""{"userIdentity":{"sessionContext":{"sessionIssuer":[{"type":"Role"}]}}}""", false)]
    [InlineData("""{"userIdentity.sessionContext":{"sessionIssuer":{"type":"Role"}}}""", false)]
    public void MayMatch_RawValueDecides(string json, bool expected)
    {
        var parsed = JsonNode.Parse(json)!.AsObject();
        var built = JsonNode.Parse(json)!.AsObject();
        _ = built.Count;

        Assert.Equal(expected, IssuerIsRole.MayMatch(parsed));
        Assert.Equal(expected, IssuerIsRole.MayMatch(built));
    }

    [Fact]
    public void MayMatch_ParsedRecord_StaysUnbuilt()
    {
        var record = JsonNode.Parse("""{"userIdentity":{"sessionContext":{"sessionIssuer":{"type":"Role"}}}}""")!.AsObject();

        IssuerIsRole.MayMatch(record);

        Assert.True(ParsedJson.TryGetElement(record, out _));
    }

    [Fact]
    public void BuiltInRule_ChecksTheSessionIssuerType()
    {
        var (runnable, _) = RulePreparation.Prepare(BuiltInRules.All, new HuntOptions([]), FieldMapping.CloudTrail);

        var check = Assert.Single(Assert.Single(runnable).RawChecks!);
        Assert.Equal(IssuerPath, check.Path);
        Assert.True(check.Filter.MayHold("Role"));
        Assert.False(check.Filter.MayHold("IAMUser"));
    }

    [Theory]
    [InlineData("""{"requestParameters":{"bucketName":"b","key":"home/a/.aws/credentials"}}""", true)]
    [InlineData("""{"requestParameters":{"key":"keys/server.pem"}}""", true)]
    [InlineData("""{"requestParameters":{"key":"photos/cat.jpg"}}""", false)]
    [InlineData("""{"requestParameters":{"key":"HOME/A/.AWS/CREDENTIALS"}}""", false)]
    [InlineData("""{"requestParameters":{"bucketName":"b"}}""", false)]
    [InlineData("""{"requestParameters":null}""", false)]
    [InlineData("""{"eventName":"GetObject"}""", false)]
    [InlineData("""{"requestParameters":"key=home/a/.aws/credentials"}""", true)]
    [InlineData("""{"requestParameters":["x"]}""", true)]
    [InlineData("""{"requestParameters":{"key":["photos/cat.jpg"]}}""", true)]
    public void PayloadKey_RawValueDecides(string json, bool expected)
    {
        var parsed = JsonNode.Parse(json)!.AsObject();
        var built = JsonNode.Parse(json)!.AsObject();
        _ = built.Count;

        Assert.Equal(expected, KeyIsCredentials.MayMatch(parsed));
        Assert.Equal(expected, KeyIsCredentials.MayMatch(built));
    }

    [Theory]
    [InlineData("aws.cloudtrail.flattened.request_parameters.key: */.aws/*", "requestParameters.key")]
    [InlineData("aws.cloudtrail.flattened.response_elements.status: \"Stopped\"", "responseElements.status")]
    [InlineData("aws.cloudtrail.flattened.additional_eventdata.MFAUsed: No", "additionalEventData.MFAUsed")]
    public void PayloadKeyQuery_GetsCheck(string query, string path)
    {
        var (runnable, _) = RulePreparation.Prepare([Rule(query)], new HuntOptions([]), FieldMapping.CloudTrail);

        Assert.Equal(path, Assert.Single(Assert.Single(runnable).RawChecks!).Path);
    }

    [Theory]
    [InlineData("aws.cloudtrail.flattened.request_parameters.a.b: x")]
    [InlineData("aws.cloudtrail.flattened.request_parameters: x")]
    [InlineData("not aws.cloudtrail.flattened.request_parameters.key: x")]
    [InlineData("aws.cloudtrail.flattened.request_parameters.key: *")]
    [InlineData("aws.cloudtrail.flattened.request_parameters.key: x or event.action: y")]
    public void OtherPayloadQueries_NoCheck(string query)
    {
        var (runnable, _) = RulePreparation.Prepare([Rule(query)], new HuntOptions([]), FieldMapping.CloudTrail);

        Assert.Empty(Assert.Single(runnable).RawChecks!);
    }

    [Fact]
    public void DemandedEmptyValue_NoCheck()
    {
        var (runnable, _) = RulePreparation.Prepare([Rule("aws.cloudtrail.error_code:\"\"")], new HuntOptions([]), FieldMapping.CloudTrail);

        Assert.Empty(Assert.Single(runnable).RawChecks!);
    }

    private static DetectionRule Rule(string query) => RuleLoader.ParseToml(
        $$"""
        [rule]
        rule_id = "r-1"
        name = "Raw check"
        description = "d"
        risk_score = 1
        severity = "low"
        type = "query"
        language = "kuery"
        index = ["logs-aws*"]
        query = '{{query}}'
        """,
        "raw.toml");
}
