using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// JSON <c>null</c> inside a Kibana rule's filters reaches the filter reader, which rejects it where
/// Elasticsearch does and reads it as no bound in a range, as Elasticsearch does.
/// </summary>
public class RuleFilterNullTests
{
    [Theory]
    [InlineData("""{"term":{"user.name":{"value":"alice","case_insensitive":null}}}""",
        "case_insensitive is null, and Elasticsearch takes only true or false",
        "filters[0].query.term.user.name.case_insensitive")]
    [InlineData("""{"bool":{"must":null}}""",
        "must is null, and Elasticsearch rejects a null clause; give a query or a list of queries, or remove must",
        "filters[0].query.bool.must")]
    [InlineData("""{"bool":{"should":[{"term":{"user.name":"alice"}},null]}}""",
        "the should list has null",
        "filters[0].query.bool.should[1]")]
    [InlineData("""{"terms":{"user.name":["alice",null]}}""",
        "the value at index 1 is null, and Elasticsearch rejects the query (No value specified for terms query); remove the null",
        "filters[0].query.terms.user.name[1]")]
    [InlineData("""{"term":{"user.name":null}}""",
        "the value is null, and Elasticsearch rejects a query without a value; give a value",
        "filters[0].query.term.user.name")]
    [InlineData("""{"term":{"user.name":{"value":null}}}""",
        "the value is null",
        "filters[0].query.term.user.name.value")]
    [InlineData("""{"match_phrase":{"user.name":null}}""",
        "the value is null",
        "filters[0].query.match_phrase.user.name")]
    public void Null_IsInvalid(string query, string expected, string path)
    {
        var problem = FilterRules.ProblemOf(query);

        Assert.False(problem.IsUnsupported, problem.Message);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.EndsWith($"(at {path})", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingValue_SaysMissing()
    {
        var problem = FilterRules.ProblemOf("""{"wildcard":{"user.name":{"case_insensitive":true}}}""");

        Assert.Contains("the value is missing, and Elasticsearch rejects a wildcard query without one; add value", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RangeNullBound_IsNoBound() =>
        Assert.Equal("alice,bob", FilterRules.MatchedBy("""{"range":{"source.port":{"gte":null,"lt":9000}}}"""));

    [Fact]
    public void MetaNulls_AreIgnored() =>
        Assert.Equal("alice", FilterRules.Matched(FilterRules.Rule(
            """[{"meta":{"alias":null,"negate":false,"disabled":false,"key":"user.name","value":null,"params":null,"type":"phrase"},"query":{"match_phrase":{"user.name":"alice"}}},null]""")));

    [Fact]
    public void NullFilterEntry_IsDropped() =>
        Assert.Equal("bob", FilterRules.Matched(FilterRules.Rule("""[null,{"meta":{},"query":{"term":{"user.name":"Bob"}}}]""")));
}
