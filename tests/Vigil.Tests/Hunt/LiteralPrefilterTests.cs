using System.Text;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// The literal prefilter in the router and the hunt: a rule is a candidate only for records whose raw
/// JSON can contain its literals, taken from the fields that routing does not already narrow.
/// </summary>
public sealed class LiteralPrefilterTests
{
    private static readonly TopLevelValue AssumeRole = new(TopLevelValueKind.String, "AssumeRole");
    private static readonly TopLevelValue Sts = new(TopLevelValueKind.String, "sts.amazonaws.com");

    private static readonly DetectionRule Alice = Rule("1", "user.name:alice-*");
    private static readonly DetectionRule Bob = Rule("2", "user.name:bob-*");
    private static readonly DetectionRule Routed = Rule("3", "event.action:AssumeRole");
    private static readonly DetectionRule Open = Rule("4", "not user.name:carol");
    private static readonly DetectionRule RoutedWithName = Rule("5", "event.provider:sts.amazonaws.com and user.name:alice-*");
    private static readonly DetectionRule RoutedByProvider = Rule("6", "event.provider:sts.amazonaws.com and not user.name:carol");

    [Fact]
    public void RouterDropsRuleWithoutLiteral()
    {
        var router = Router([Alice, Routed], routing: true);

        var candidates = router.Candidates(AssumeRole, Sts, Json("""{"userName":"bob-1"}"""));

        Assert.Equal([Routed.RuleId], candidates.Select(rule => rule.Rule.RuleId));
    }

    [Fact]
    public void RouterKeepsRuleWithLiteral()
    {
        var router = Router([Alice, Routed], routing: true);

        var candidates = router.Candidates(AssumeRole, Sts, Json("""{"userName":"alice-1"}"""));

        Assert.Equal([Alice.RuleId, Routed.RuleId], candidates.Select(rule => rule.Rule.RuleId));
    }

    [Fact]
    public void RouterKeepsOnlyPassingLiteralRules()
    {
        var router = Router([Alice, Routed, Bob], routing: true);

        var candidates = router.Candidates(AssumeRole, Sts, Json("""{"userName":"bob-1"}"""));

        Assert.Equal([Routed.RuleId, Bob.RuleId], candidates.Select(rule => rule.Rule.RuleId));
    }

    [Fact]
    public void RouterReturnsNoneWhenEveryLiteralIsAbsent()
    {
        var router = Router([Alice, Bob], routing: true);

        var candidates = router.Candidates(AssumeRole, Sts, Json("""{"userName":"carol"}"""));

        Assert.Empty(candidates);
    }

    [Fact]
    public void RouterKeepsRuleWithoutLiterals()
    {
        var router = Router([Alice, Open], routing: true);

        var candidates = router.Candidates(AssumeRole, Sts, Json("""{"userName":"carol"}"""));

        Assert.Equal([Open.RuleId], candidates.Select(rule => rule.Rule.RuleId));
    }

    [Fact]
    public void RouterWithoutRoutingReturnsEveryRule()
    {
        var router = Router([Alice, Routed], routing: false);

        var candidates = router.Candidates(AssumeRole, Sts, Json("""{"userName":"carol"}"""));

        Assert.Equal([Alice.RuleId, Routed.RuleId], candidates.Select(rule => rule.Rule.RuleId));
    }

    [Fact]
    public void RouterWithoutRawJsonKeepsLiteralRules()
    {
        var router = Router([Alice], routing: true);

        var candidates = router.Candidates(AssumeRole, Sts);

        Assert.Equal([Alice.RuleId], candidates.Select(rule => rule.Rule.RuleId));
    }

    [Fact]
    public void RoutedRule_LiteralOfOtherField_Tested()
    {
        var router = Router([RoutedWithName], routing: true);

        var without = router.Candidates(AssumeRole, Sts, Json("""{"userName":"bob-1"}"""));
        var with = router.Candidates(AssumeRole, Sts, Json("""{"userName":"alice-1"}"""));

        Assert.Empty(without);
        Assert.Equal([RoutedWithName.RuleId], with.Select(rule => rule.Rule.RuleId));
    }

    [Fact]
    public void RoutedRule_ProviderLiteral_NotTested()
    {
        var (runnable, _) = RulePreparation.Prepare([RoutedByProvider, RoutedWithName], new HuntOptions([]), FieldMapping.CloudTrail);

        Assert.Null(runnable[0].RequiredLiterals);
        Assert.NotNull(runnable[1].RequiredLiterals);
        Assert.False(runnable[1].RequiredLiterals!.MayContain(Json("""{"eventSource":"sts.amazonaws.com"}""")));
    }

    [Fact]
    public void HuntDoesNotMapRecordWithoutLiteral()
    {
        using var temp = new TempDirectory();
        WriteRecordWithBadTime(temp.Path, "pipeline-role-1");

        var prefiltered = Hunt(temp.Path, prefilter: true);
        var unfiltered = Hunt(temp.Path, prefilter: false);

        Assert.Equal(0, prefiltered.EventsWithMappingErrors);
        Assert.Equal(1, unfiltered.EventsWithMappingErrors);
    }

    [Fact]
    public void HuntMapsRecordWithLiteral()
    {
        using var temp = new TempDirectory();
        WriteRecordWithBadTime(temp.Path, "alice-1");

        var prefiltered = Hunt(temp.Path, prefilter: true);

        Assert.Equal(1, prefiltered.EventsWithMappingErrors);
    }

    private static RuleRouter Router(IReadOnlyList<DetectionRule> rules, bool routing)
    {
        var (runnable, skipped) = RulePreparation.Prepare(rules, new HuntOptions([]), FieldMapping.CloudTrail);
        Assert.Empty(skipped);
        return new RuleRouter(runnable, routing);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Writes one record whose <c>eventTime</c> is not a date, so mapping it reports an error.</summary>
    private static void WriteRecordWithBadTime(string folder, string userName)
    {
        var record = RoleChaining.Record(1, "not a date");
        record["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["userName"] = userName;
        File.WriteAllText(Path.Combine(folder, "a.ndjson"), record.ToJsonString() + "\n");
    }

    private static HuntSummary Hunt(string path, bool prefilter) =>
        new HuntEngine([Alice]).Run(new HuntOptions([path]) { Prefilter = prefilter, Routing = prefilter }, new CollectingSink());

    private static DetectionRule Rule(string id, string query) => RuleLoader.ParseToml(
        $$"""
        [metadata]
        creation_date = "2026/12/04"
        [rule]
        rule_id = "00000000-0000-4000-8000-00000000000{{id}}"
        name = "Rule {{id}}"
        description = "A query rule."
        type = "query"
        language = "kuery"
        query = '{{query}}'
        index = ["logs-aws*"]
        severity = "low"
        risk_score = 21
        """,
        "inline.toml");
}
