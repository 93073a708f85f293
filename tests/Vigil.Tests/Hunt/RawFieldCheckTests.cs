using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Hunt;

public class RawFieldCheckTests
{
    private const string IssuerPath = "userIdentity.sessionContext.sessionIssuer.type";

    private static readonly RawFieldCheck IssuerIsRole = new(IssuerPath, new HashSet<string>(["Role"]));

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
        Assert.Equal(["Role"], check.Values);
    }

    [Fact]
    public void DemandedEmptyValue_NoCheck()
    {
        var rule = RuleLoader.ParseToml(
            """
            [rule]
            rule_id = "r-1"
            name = "Empty error code"
            description = "d"
            risk_score = 1
            severity = "low"
            type = "query"
            language = "kuery"
            index = ["logs-aws*"]
            query = 'aws.cloudtrail.error_code:""'
            """, "empty.toml");

        var (runnable, _) = RulePreparation.Prepare([rule], new HuntOptions([]), FieldMapping.CloudTrail);

        Assert.Empty(Assert.Single(runnable).RawChecks!);
    }
}
