using Vigil.Detect.Rules.Filters;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// The <c>bool</c> query in filters, with the matches Elasticsearch's <c>BoolQueryBuilder</c> and
/// Lucene's <c>BooleanQuery</c> give over <see cref="FilterRules.Events"/>. Alice's event meets all
/// three of <c>Three</c>'s should clauses, the GetObject event one, and Bob's none.
/// </summary>
public class RuleFilterBoolTests
{
    private const string Alice = """{"term":{"user.name":"alice"}}""";
    private const string Bob = """{"term":{"user.name":"Bob"}}""";
    private const string Nobody = """{"term":{"user.name":"KELVIN"}}""";
    private const string UsEast = """{"term":{"cloud.region":"us-east-1"}}""";
    private const string Three = $$$"""[{{{UsEast}}},{"term":{"event.action":"CreateUser"}},{{{Alice}}}]""";

    [Theory]
    [InlineData($$$"""{"bool":{"should":[{{{Alice}}},{{{Nobody}}}],"minimum_should_match":0}}""", "alice")]
    [InlineData($$$"""{"bool":{"must":[],"should":[{{{Alice}}},{{{Nobody}}}]}}""", "alice")]
    [InlineData($$$"""{"bool":{"filter":[],"should":[{{{Alice}}},{{{Bob}}}]}}""", "alice,bob")]
    [InlineData($$$"""{"bool":{"must_not":[{{{Bob}}}],"should":[{{{Alice}}},{{{Nobody}}}]}}""", "alice")]
    [InlineData($$$"""{"bool":{"must_not":[{{{Bob}}}],"should":[{{{Alice}}},{{{Nobody}}}],"minimum_should_match":0}}""", "alice")]
    [InlineData($$$"""{"bool":{"must":[{{{UsEast}}}],"should":[{{{Alice}}}]}}""", "alice,get")]
    [InlineData($$$"""{"bool":{"must":[{{{UsEast}}}],"should":[{{{Alice}}}],"minimum_should_match":1}}""", "alice")]
    [InlineData($$$"""{"bool":{"must":[{{{UsEast}}}],"minimum_should_match":1}}""", "")]
    [InlineData($$$"""{"bool":{"must_not":[{{{Bob}}}]}}""", "alice,get")]
    public void ShouldClauses_FollowLucene(string query, string expected) =>
        Assert.Equal(expected, FilterRules.MatchedBy(query));

    [Theory]
    [InlineData("""{"bool":{}}""")]
    [InlineData("""{"bool":{"should":[],"minimum_should_match":1}}""")]
    [InlineData("""{"bool":{"must":[],"filter":[],"should":[],"must_not":[],"minimum_should_match":"100%"}}""")]
    public void NoClauses_MatchesAll(string query) =>
        Assert.Equal("alice,bob,get", FilterRules.MatchedBy(query));

    [Theory]
    [InlineData("1", "alice,get")]
    [InlineData("\"2\"", "alice")]
    [InlineData("3", "alice")]
    [InlineData("4", "")]
    [InlineData("-1", "alice")]
    [InlineData("\"-2\"", "alice,get")]
    [InlineData("-5", "alice,get")]
    [InlineData("\"50%\"", "alice,get")]
    [InlineData("\"67%\"", "alice")]
    [InlineData("\"-25%\"", "alice")]
    [InlineData("\"-34%\"", "alice")]
    [InlineData("\"-70%\"", "alice,get")]
    [InlineData("\" 2 \"", "alice")]
    [InlineData("\"2<50%\"", "alice,get")]
    [InlineData("\"3<50%\"", "alice")]
    public void MinimumShouldMatch_Forms(string minimum, string expected) =>
        Assert.Equal(expected, FilterRules.MatchedBy($$$"""{"bool":{"should":{{{Three}}},"minimum_should_match":{{{minimum}}}}}"""));

    [Theory]
    [InlineData("\"1.5\"", "Elasticsearch cannot parse minimum_should_match \"1.5\"")]
    [InlineData("1.5", "Elasticsearch cannot parse minimum_should_match \"1.5\"")]
    [InlineData("\"half\"", "Elasticsearch cannot parse minimum_should_match \"half\"")]
    [InlineData("\"50%x\"", "Elasticsearch cannot parse minimum_should_match \"50%x\"")]
    [InlineData("\"2<\"", "Elasticsearch cannot parse minimum_should_match \"2<\"")]
    [InlineData("true", "minimum_should_match is true")]
    [InlineData("null", "minimum_should_match is null")]
    public void MinimumShouldMatch_Unparsable_IsInvalid(string minimum, string expected)
    {
        var problem = FilterRules.ProblemOf($$$"""{"bool":{"should":{{{Three}}},"minimum_should_match":{{{minimum}}}}}""");

        Assert.False(problem.IsUnsupported);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("(at filters[0].query.bool.minimum_should_match)", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", 5, 3)]
    [InlineData("+2", 5, 2)]
    [InlineData("-2", 5, 3)]
    [InlineData("-7", 5, 0)]
    [InlineData("75%", 5, 3)]
    [InlineData("-25%", 5, 4)]
    [InlineData("75%", 4, 3)]
    [InlineData("-25%", 4, 3)]
    [InlineData("0%", 4, 0)]
    [InlineData("2<-25% 9<-3", 2, 2)]
    [InlineData("2<-25% 9<-3", 8, 6)]
    [InlineData("2<-25% 9<-3", 12, 9)]
    [InlineData("3 < 90%", 10, 9)]
    [InlineData("5", 0, 5)]
    public void Calculate_MatchesElasticsearch(string spec, int clauses, int expected)
    {
        Assert.True(MinimumShouldMatch.TryCalculate(spec, clauses, out var count));
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%")]
    [InlineData("1 2")]
    [InlineData("x<50%")]
    [InlineData("2.5")]
    public void Calculate_Unparsable_False(string spec) =>
        Assert.False(MinimumShouldMatch.TryCalculate(spec, 4, out _));
}
