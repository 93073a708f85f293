using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Filters;
using Vigil.Detect.Rules.Formats;
using Vigil.Map;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Term, terms, prefix and wildcard queries in a rule's filters, applied to hand-written ECS events:
/// alice's CreateUser from the AWS CLI, Bob's DeleteUser in eu-west-1, and a GetObject without a user.
/// </summary>
public class RuleFilterTermLevelTests
{
    private static readonly (string Name, string Json)[] Events =
    [
        ("alice", """
            {"event":{"action":"CreateUser"},"user":{"name":"alice"},"related":{"user":["svc-1","alice"]},
             "cloud":{"region":"us-east-1"},"user_agent":{"original":"aws-cli/2.15.0 Python/3.11.6"},
             "source":{"ip":"203.0.113.10","port":443},"message":"Access Denied for user"}
            """),
        ("bob", """
            {"event":{"action":"DeleteUser"},"user":{"name":"Bob"},"related":{"user":["Bob"]},"cloud":{"region":"eu-west-1"}}
            """),
        ("get", """
            {"event":{"action":"GetObject"},"cloud":{"region":"us-east-1"}}
            """),
    ];

    [Theory]
    [InlineData("""{"term":{"user.name":"alice"}}""", "alice")]
    [InlineData("""{"term":{"user.name":{"value":"alice","boost":2,"_name":"who"}}}""", "alice")]
    [InlineData("""{"term":{"user.name":"Alice"}}""", "")]
    [InlineData("""{"term":{"user.name":"ali"}}""", "")]
    [InlineData("""{"term":{"user.name":{"value":"ALICE","case_insensitive":true}}}""", "alice")]
    [InlineData("""{"term":{"user.name":{"value":"ALICE","case_insensitive":false}}}""", "")]
    [InlineData("""{"term":{"user.name":{"term":"Bob"}}}""", "bob")]
    [InlineData("""{"term":{"related.user":"svc-1"}}""", "alice")]
    [InlineData("""{"term":{"source.port":443}}""", "alice")]
    [InlineData("""{"term":{"source.ip":"203.0.113.0/24"}}""", "alice")]
    [InlineData("""{"term":{"message":"denied"}}""", "alice")]
    [InlineData("""{"term":{"message":"Denied"}}""", "")]
    [InlineData("""{"term":{"message":{"value":"DENIED","case_insensitive":true}}}""", "alice")]
    public void Term(string query, string expected) => AssertMatches(query, expected);

    [Theory]
    [InlineData("""{"terms":{"event.action":["CreateUser","DeleteUser"]}}""", "alice,bob")]
    [InlineData("""{"terms":{"event.action":["createuser","DELETEUSER"]}}""", "")]
    [InlineData("""{"terms":{"related.user":["Bob","nobody"]}}""", "bob")]
    [InlineData("""{"terms":{"user.name":["alice"],"boost":2}}""", "alice")]
    [InlineData("""{"terms":{"source.port":[80,443]}}""", "alice")]
    [InlineData("""{"terms":{"event.action":[]}}""", "")]
    public void Terms(string query, string expected) => AssertMatches(query, expected);

    [Theory]
    [InlineData("""{"prefix":{"event.action":"Delete"}}""", "bob")]
    [InlineData("""{"prefix":{"event.action":"delete"}}""", "")]
    [InlineData("""{"prefix":{"event.action":{"value":"delete","case_insensitive":true}}}""", "bob")]
    [InlineData("""{"prefix":{"event.action":{"prefix":"Get","rewrite":"constant_score"}}}""", "get")]
    [InlineData("""{"prefix":{"user_agent.original":"aws-cli/"}}""", "alice")]
    [InlineData("""{"prefix":{"related.user":"svc-"}}""", "alice")]
    [InlineData("""{"prefix":{"user.name":""}}""", "alice,bob")]
    [InlineData("""{"prefix":{"message":"deni"}}""", "alice")]
    public void Prefix(string query, string expected) => AssertMatches(query, expected);

    [Theory]
    [InlineData("""{"wildcard":{"event.action":"*User"}}""", "alice,bob")]
    [InlineData("""{"wildcard":{"event.action":"*user"}}""", "")]
    [InlineData("""{"wildcard":{"event.action":{"value":"*user","case_insensitive":true}}}""", "alice,bob")]
    [InlineData("""{"wildcard":{"event.action":"?etObject"}}""", "get")]
    [InlineData("""{"wildcard":{"event.action":"?User"}}""", "")]
    [InlineData("""{"wildcard":{"cloud.region":"eu-*-1"}}""", "bob")]
    [InlineData("""{"wildcard":{"user.name":{"wildcard":"B?b"}}}""", "bob")]
    [InlineData("""{"wildcard":{"event.action":"Create\\*"}}""", "")]
    [InlineData("""{"wildcard":{"user.name":"*"}}""", "alice,bob")]
    [InlineData("""{"wildcard":{"related.user":"svc-?"}}""", "alice")]
    [InlineData("""{"wildcard":{"message":"den*"}}""", "alice")]
    public void Wildcard(string query, string expected) => AssertMatches(query, expected);

    [Theory]
    [InlineData("""{"match_phrase":{"user.name":"alice"}}""", "alice")]
    [InlineData("""{"match_phrase":{"user.name":"Alice"}}""", "")]
    [InlineData("""{"match":{"user.name":"ali"}}""", "")]
    [InlineData("""{"match":{"event.action":"*User"}}""", "")]
    public void MatchOnKeyword_WholeValueExactly(string query, string expected) => AssertMatches(query, expected);

    [Theory]
    [InlineData("""{"bool":{"must":[{"prefix":{"event.action":"Create"}}]}}""", "alice")]
    [InlineData("""{"bool":{"filter":{"terms":{"cloud.region":["eu-west-1"]}}}}""", "bob")]
    [InlineData("""{"bool":{"should":[{"term":{"user.name":"alice"}},{"wildcard":{"event.action":"Get*"}}]}}""", "alice,get")]
    [InlineData("""{"bool":{"must_not":[{"wildcard":{"event.action":"*User"}}]}}""", "get")]
    [InlineData("""{"bool":{"must":{"term":{"cloud.region":"us-east-1"}},"must_not":{"term":{"user.name":"alice"}}}}""", "get")]
    public void NestedInBool(string query, string expected) => AssertMatches(query, expected);

    [Fact]
    public void Negate_MatchesEventsWithoutField()
    {
        var rule = Rule("""[{"meta":{"negate":true},"query":{"term":{"user.name":"alice"}}}]""");

        Assert.Equal("bob,get", Matched(rule));
    }

    [Fact]
    public void Disabled_IsIgnored()
    {
        var rule = Rule("""[{"meta":{"disabled":true},"query":{"term":{"user.name":"nobody"}}},{"meta":{},"query":{"prefix":{"user.name":"B"}}}]""");

        Assert.Equal("bob", Matched(rule));
    }

    [Fact]
    public void TermOverIgnoreAbove_NotIndexed()
    {
        var longName = new string('a', FieldMapping.DefaultKeywordIgnoreAbove + 1);
        var document = new EcsDocument(new JsonObject { ["user"] = new JsonObject { ["name"] = longName } });

        var term = Compile(Rule("""[{"meta":{},"query":{"term":{"user.name":""" + $"\"{longName}\"" + "}}}]"));
        var prefix = Compile(Rule("""[{"meta":{},"query":{"prefix":{"user.name":"a"}}}]"""));

        Assert.False(term(document));
        Assert.False(prefix(document));
    }

    [Fact]
    public void HotField_SameAsTreeLookup()
    {
        var rule = Rule("""[{"meta":{},"query":{"bool":{"should":[{"terms":{"event.action":["DeleteUser"]}},{"wildcard":{"event.action":"C*r"}}]}}}]""");
        var matches = Compile(rule);

        foreach (var (name, json) in Events)
        {
            var hot = Document(json);
            hot.FillHotValues();
            Assert.True(matches(hot) == matches(Document(json)), name);
        }

        Assert.Equal("alice,bob", Matched(rule));
    }

    [Theory]
    [InlineData("""{"prefix":{"source.port":"44"}}""", "Elasticsearch rejects a prefix query on the long field `source.port`")]
    [InlineData("""{"wildcard":{"@timestamp":"2026*"}}""", "Elasticsearch rejects a wildcard query on the date field `@timestamp`")]
    [InlineData("""{"term":{"source.port":{"value":443,"case_insensitive":true}}}""", "term query with case_insensitive on the long field `source.port`")]
    [InlineData("""{"term":{"source.ip":"not-an-ip"}}""", "Elasticsearch rejects the value `not-an-ip` on the ip field `source.ip`")]
    [InlineData("""{"term":{"user.name":{"value":"a","slop":1}}}""", "Elasticsearch's term query has no option slop")]
    [InlineData("""{"term":{"user.name":["a","b"]}}""", "a term query takes one value")]
    [InlineData("""{"term":{"user.name":{"value":"a","case_insensitive":"yes"}}}""", "case_insensitive is \"yes\"")]
    [InlineData("""{"terms":{"user.name":["a"],"event.action":["b"]}}""", "a terms query takes exactly one field, and this one has 2")]
    [InlineData("""{"terms":{"user.name":"alice"}}""", "a terms query takes an array of values, not \"alice\"")]
    [InlineData("""{"wildcard":{"user.name":{"case_insensitive":true}}}""", "the value is missing")]
    public void RejectedQuery_IsInvalid(string query, string expected)
    {
        var problem = RuleQuery.CheckFilters(Rule("""[{"meta":{},"query":""" + query + "}]"), FieldMapping.CloudTrail);

        Assert.NotNull(problem);
        Assert.False(problem.IsUnsupported, problem.Message);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query_string", """{"query_string":{"query":"user.name:alice"}}""")]
    [InlineData("regexp", """{"regexp":{"user.name":"al.*"}}""")]
    [InlineData("fuzzy", """{"fuzzy":{"user.name":"alise"}}""")]
    [InlineData("ids", """{"ids":{"values":["1"]}}""")]
    [InlineData("nested", """{"nested":{"path":"x","query":{"match_all":{}}}}""")]
    [InlineData("script", """{"script":{"script":"true"}}""")]
    [InlineData("geo_distance", """{"geo_distance":{"distance":"1km","source.geo.location":"0,0"}}""")]
    [InlineData("more_like_this", """{"more_like_this":{"like":"alice"}}""")]
    public void StillUnsupported_SkipsWithPositionAndShape(string shape, string query)
    {
        var rule = Rule("""[{"meta":{},"query":{"term":{"user.name":"alice"}}},{"meta":{"type":"custom"},"query":""" + query + "}]");

        var problem = RuleQuery.CheckFilters(rule, FieldMapping.CloudTrail);

        Assert.NotNull(problem);
        Assert.True(problem.IsUnsupported, problem.Message);
        Assert.Equal(1, problem.Index);
        Assert.StartsWith("filter filters[1] (custom filter): ", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"Vigil cannot apply {(shape == "ids" ? "an" : "a")} {shape} query", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(at filters[1].query.{shape})", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedInsideBool_NamesClause()
    {
        var rule = Rule("""[{"meta":{},"query":{"bool":{"should":[{"term":{"user.name":"alice"}},{"regexp":{"user.name":"b.*"}}]}}}]""");

        var problem = RuleQuery.CheckFilters(rule, FieldMapping.CloudTrail);

        Assert.NotNull(problem);
        Assert.True(problem.IsUnsupported);
        Assert.Contains("(at filters[0].query.bool.should[1].regexp)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TermsLookup_Unsupported()
    {
        var rule = Rule("""[{"meta":{},"query":{"terms":{"user.name":{"index":"users","id":"1","path":"names"}}}}]""");

        var problem = RuleQuery.CheckFilters(rule, FieldMapping.CloudTrail);

        Assert.NotNull(problem);
        Assert.True(problem.IsUnsupported);
        Assert.Contains("Vigil cannot apply a terms lookup", problem.Message, StringComparison.Ordinal);
    }

    private static void AssertMatches(string query, string expected) =>
        Assert.Equal(expected, Matched(Rule("""[{"meta":{"type":"custom"},"query":""" + query + "}]")));

    /// <summary>Returns the names of the events the rule matches, joined with commas.</summary>
    private static string Matched(DetectionRule rule)
    {
        var matches = Compile(rule);
        return string.Join(',', Events.Where(e => matches(Document(e.Json))).Select(e => e.Name));
    }

    private static Func<EcsDocument, bool> Compile(DetectionRule rule)
    {
        var compiled = RuleQuery.Compile(rule, FieldMapping.CloudTrail);
        Assert.Null(compiled.Error);
        return compiled.Matches!;
    }

    private static EcsDocument Document(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>Reads a query rule without a query, whose filters are <paramref name="filters"/>, from one line of a Kibana export.</summary>
    private static DetectionRule Rule(string filters)
    {
        var rule = new JsonObject
        {
            ["id"] = "3e2d1c0b-aaaa-4bbb-8ccc-000000000002",
            ["rule_id"] = "c3d4e5f6-aaaa-4bbb-8ccc-000000000002",
            ["name"] = "Term-level filter",
            ["description"] = "Matches the events that pass the rule's filters.",
            ["type"] = "query",
            ["language"] = "kuery",
            ["query"] = "",
            ["index"] = new JsonArray("logs-aws.cloudtrail-*"),
            ["severity"] = "low",
            ["risk_score"] = 21,
            ["filters"] = JsonNode.Parse(filters),
        };
        var read = KibanaNdjson.Read(rule.ToJsonString() + "\n", "filters.ndjson");
        Assert.Empty(read.Errors);
        return Assert.Single(read.Rules);
    }
}
