using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Filters;
using Vigil.Detect.Rules.Formats;
using Vigil.Map;

namespace Vigil.Tests.Support;

/// <summary>
/// Query rules whose condition is only their <c>filters</c>, read from one line of a Kibana export,
/// and three hand-written ECS events to match them against: alice's CreateUser in us-east-1, Bob's
/// DeleteUser in eu-west-1, and a GetObject in us-east-1 without a user.
/// </summary>
internal static class FilterRules
{
    public static readonly (string Name, string Json)[] Events =
    [
        ("alice", """
            {"event":{"action":"CreateUser"},"user":{"name":"alice"},"cloud":{"region":"us-east-1"},
             "source":{"ip":"203.0.113.10","port":443},"@timestamp":"2026-12-01T10:00:00.000Z"}
            """),
        ("bob", """
            {"event":{"action":"DeleteUser"},"user":{"name":"Bob"},"cloud":{"region":"eu-west-1"},
             "source":{"ip":"2001:db8::7","port":8443},"@timestamp":"2026-12-02T23:59:59.999Z"}
            """),
        ("get", """
            {"event":{"action":"GetObject"},"cloud":{"region":"us-east-1"},"source":{"ip":"198.51.100.200"},
             "@timestamp":"2026-12-03T00:00:00.000Z"}
            """),
    ];

    /// <summary>Returns the names of the events that one filter with <paramref name="query"/> matches, joined with commas.</summary>
    public static string MatchedBy(string query) => Matched(Rule("""[{"meta":{},"query":""" + query + "}]"));

    /// <summary>Returns the names of the events <paramref name="rule"/> matches, joined with commas.</summary>
    public static string Matched(DetectionRule rule)
    {
        var compiled = RuleQuery.Compile(rule, FieldMapping.CloudTrail);
        Assert.Null(compiled.Error);
        return string.Join(',', Events.Where(e => compiled.Matches!(Document(e.Json))).Select(e => e.Name));
    }

    /// <summary>Returns why one filter with <paramref name="query"/> cannot be applied.</summary>
    public static FilterProblem ProblemOf(string query)
    {
        var problem = RuleQuery.CheckFilters(Rule("""[{"meta":{},"query":""" + query + "}]"), FieldMapping.CloudTrail);
        Assert.NotNull(problem);
        return problem;
    }

    public static EcsDocument Document(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>Reads a query rule whose filters are <paramref name="filters"/>, from one line of a Kibana export.</summary>
    public static DetectionRule Rule(string filters, string query = "")
    {
        var rule = new JsonObject
        {
            ["id"] = "3e2d1c0b-aaaa-4bbb-8ccc-000000000003",
            ["rule_id"] = "c3d4e5f6-aaaa-4bbb-8ccc-000000000003",
            ["name"] = "Filter semantics",
            ["description"] = "Matches the events that pass the rule's filters.",
            ["type"] = "query",
            ["language"] = "kuery",
            ["query"] = query,
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
