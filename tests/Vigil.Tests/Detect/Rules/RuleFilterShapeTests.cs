using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Validation;
using Vigil.Map;
using Vigil.Serve;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Filter shapes of Kibana rule exports, each in a rule read from one export line and hunted over
/// the six IAM records of the filter fixtures. Those are alice's CreateUser and denied
/// CreateAccessKey (from 203.0.113.10), bob's CreateUser, carol's CreateAccessKey (eu-west-1), and
/// mallory's DeleteUser and UpdateAccountPasswordPolicy with maxPasswordAge 90 (eu-west-1).
/// </summary>
public class RuleFilterShapeTests
{
    private static string CloudTrail => Path.Combine(RepoPaths.Fixtures, "filters", "cloudtrail");

    [Fact]
    public void RangeFilter_BothBoundsHoldForOneValue()
    {
        // related.user of alice's events is [svc-N, AIDA…, alice]: svc-N is above "b" and alice is
        // below "r", but no single value lies between them, so Elasticsearch's range does not match.
        var alerts = HuntWith("""[{"meta":{"type":"range","key":"related.user"},"query":{"range":{"related.user":{"gte":"b","lte":"r"}}}}]""");

        Assert.Equal(["bob", "carol", "mallory", "mallory"], Users(alerts));
    }

    [Fact]
    public void CombinedFilter_Or_MatchesEitherFilter()
    {
        var alerts = HuntWith("""
            [{"meta":{"type":"combined","relation":"OR","params":[
              {"meta":{"type":"phrase","key":"user.name"},"query":{"match_phrase":{"user.name":"carol"}}},
              {"meta":{"type":"phrase","key":"user.name"},"query":{"match_phrase":{"user.name":"bob"}}}]}}]
            """);

        Assert.Equal(["bob", "carol"], Users(alerts));
    }

    [Fact]
    public void CombinedFilter_And_AppliesNegatedPart()
    {
        var alerts = HuntWith("""
            [{"meta":{"type":"combined","relation":"AND","params":[
              {"meta":{"type":"phrase","key":"event.action"},"query":{"match_phrase":{"event.action":"CreateAccessKey"}}},
              {"meta":{"type":"phrase","key":"user.name","negate":true},"query":{"match_phrase":{"user.name":"alice"}}}]}}]
            """);

        Assert.Equal(["carol"], Users(alerts));
    }

    [Fact]
    public void BoolWithMust_ShouldClausesOptional()
    {
        var alerts = HuntWith("""
            [{"meta":{"type":"custom"},"query":{"bool":{
              "must":[{"match_phrase":{"event.action":"CreateUser"}}],
              "should":[{"match_phrase":{"user.name":"nobody"}}]}}}]
            """);

        Assert.Equal(["alice", "bob"], Users(alerts));
    }

    [Fact]
    public void MinimumShouldMatch_CountsClauses()
    {
        var alerts = HuntWith("""
            [{"meta":{"type":"custom"},"query":{"bool":{"minimum_should_match":2,"should":[
              {"match_phrase":{"user.name":"alice"}},
              {"match_phrase":{"event.action":"CreateAccessKey"}},
              {"match_phrase":{"cloud.region":"eu-west-1"}}]}}}]
            """);

        Assert.Equal(["alice", "carol"], Users(alerts));
    }

    [Fact]
    public void LegacyMatchPhraseFilter_AtTopLevel()
    {
        var alerts = HuntWith("""[{"meta":{"type":"phrase","key":"user.name"},"match":{"user.name":{"query":"carol","type":"phrase"}}}]""");

        Assert.Equal(["carol"], Users(alerts));
    }

    [Fact]
    public void PhraseFilter_OnIpField_TakesCidr()
    {
        var alerts = HuntWith("""[{"meta":{"type":"phrase","key":"source.ip"},"query":{"match_phrase":{"source.ip":"203.0.113.0/24"}}}]""");

        Assert.Equal(["alice", "alice"], Users(alerts));
    }

    [Fact]
    public void PhraseFilter_NumberValue_OnFlattenedKey()
    {
        var alerts = HuntWith("""[{"meta":{"type":"phrase"},"query":{"match_phrase":{"aws.cloudtrail.flattened.request_parameters.maxPasswordAge":90}}}]""");

        Assert.Equal(["mallory"], Users(alerts));
    }

    [Fact]
    public void FilterOnlyRule_EmptyQuery()
    {
        var alerts = HuntWith("""[{"meta":{"type":"phrase","key":"user.name"},"query":{"match_phrase":{"user.name":"carol"}}}]""", query: "");

        Assert.Equal(["carol"], Users(alerts));
    }

    [Fact]
    public void NegateNotBoolean_SkipsRule()
    {
        var reason = SkipReason("""[{"meta":{"negate":"true"},"query":{"match_phrase":{"user.name":"bob"}}}]""");

        Assert.Contains("meta.negate is \"true\"", reason, StringComparison.Ordinal);
        Assert.Contains("set it to true or false", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RangeTimeZone_ReasonShowsValueAsWritten()
    {
        var reason = SkipReason("""[{"meta":{},"query":{"range":{"@timestamp":{"gte":"2026-12-01T00:00:00","time_zone":"+01:00"}}}}]""");

        Assert.Contains("time_zone: \"+01:00\"", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PhraseOptionSlop_SkipsRule()
    {
        var reason = SkipReason("""[{"meta":{},"query":{"match_phrase":{"user_agent.original":{"query":"aws-cli","slop":2}}}}]""");

        Assert.Contains("match_phrase option slop", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectedValue_SkipsAndFailsValidation()
    {
        const string Filters = """[{"meta":{"type":"phrase","key":"source.ip"},"query":{"match_phrase":{"source.ip":"not-an-ip"}}}]""";

        var reason = SkipReason(Filters);
        var errors = RuleValidator.Validate(Rule(Filters));

        Assert.StartsWith("invalid filter filters[0] (phrase filter on source.ip): Elasticsearch rejects the value `not-an-ip`", reason, StringComparison.Ordinal);
        Assert.EndsWith("(at filters[0].query.match_phrase.source.ip)", reason, StringComparison.Ordinal);
        var error = Assert.Single(errors);
        Assert.Contains("not-an-ip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduler_AppliesFilters()
    {
        var rule = Rule("""[{"meta":{"negate":true},"query":{"match_phrase":{"user.name":"bob"}}}]""");
        var documents = Documents();

        Assert.True(ScheduledRule.TryPrepare(rule, FieldMapping.CloudTrail, out var prepared, out var reason), reason);
        var matched = documents.Where(prepared!.Matches).Select(document => document.Root["user"]!["name"]!.GetValue<string>());

        Assert.Equal(["alice", "alice", "carol", "mallory", "mallory"], matched.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scheduler_UnsupportedFilter_CannotRun()
    {
        var rule = Rule("""[{"meta":{"type":"custom"},"query":{"regexp":{"user.name":"a.*"}}}]""");

        Assert.False(ScheduledRule.TryPrepare(rule, FieldMapping.CloudTrail, out _, out var reason));
        Assert.Contains("regexp query", reason, StringComparison.Ordinal);
    }

    private static List<JsonObject> HuntWith(string filters, string query = "event.provider:iam.amazonaws.com")
    {
        var (summary, sink) = CollectingSink.Hunt([Rule(filters, query)], CloudTrail);
        Assert.Empty(summary.RulesSkipped);
        return sink.Alerts.Select(alert => alert.Alert).ToList();
    }

    private static string SkipReason(string filters)
    {
        var (summary, _) = CollectingSink.Hunt([Rule(filters)], CloudTrail);
        return Assert.Single(summary.RulesSkipped).Reason;
    }

    /// <summary>Reads a query rule with <paramref name="filters"/> from one line of a Kibana export.</summary>
    private static DetectionRule Rule(string filters, string query = "event.provider:iam.amazonaws.com")
    {
        var rule = new JsonObject
        {
            ["id"] = "3e2d1c0b-aaaa-4bbb-8ccc-000000000001",
            ["rule_id"] = "c3d4e5f6-aaaa-4bbb-8ccc-000000000001",
            ["name"] = "IAM calls with a filter",
            ["description"] = "Detects IAM API calls that pass the rule's filters.",
            ["type"] = "query",
            ["language"] = "kuery",
            ["query"] = query,
            ["index"] = new JsonArray("logs-aws.cloudtrail-*"),
            ["severity"] = "medium",
            ["risk_score"] = 47,
            ["filters"] = JsonNode.Parse(filters),
        };
        var read = KibanaNdjson.Read(rule.ToJsonString() + "\n", "filters.ndjson");
        Assert.Empty(read.Errors);
        return Assert.Single(read.Rules);
    }

    private static List<EcsDocument> Documents()
    {
        var file = Directory.GetFiles(CloudTrail).Single();
        var records = JsonNode.Parse(File.ReadAllText(file))!["Records"]!.AsArray();
        return [.. records.Select(record => CloudTrailMapper.Map(record!.AsObject()).Document)];
    }

    private static List<string> Users(List<JsonObject> alerts) =>
        [.. alerts.Select(alert => alert["user"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
}
