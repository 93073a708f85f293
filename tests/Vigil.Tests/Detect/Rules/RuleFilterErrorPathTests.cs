using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Errors from the field-type checks of filters name the filter's position and the JSON path of the
/// rejected value, inside nested bool queries and terms lists too.
/// </summary>
public class RuleFilterErrorPathTests
{
    [Fact]
    public void TermsList_NamesValueIndex()
    {
        var problem = FilterRules.ProblemOf("""{"terms":{"source.ip":["10.0.0.1","10.0.0.2","notanip","also-bad"]}}""");

        Assert.Equal(0, problem.Index);
        Assert.Equal(
            "invalid filter filters[0]: Elasticsearch rejects the value `notanip` on the ip field `source.ip`, "
            + "so the rule would fail; use an address or a CIDR block such as 10.0.0.0/8 (at filters[0].query.terms.source.ip[2])",
            problem.Message);
    }

    [Fact]
    public void NestedBool_NamesClausePath()
    {
        var problem = FilterRules.ProblemOf("""{"bool":{"must":[{"term":{"user.name":"alice"}},{"bool":{"should":[{"match_phrase":{"source.port":"https"}}]}}]}}""");

        Assert.StartsWith("invalid filter filters[0]: Elasticsearch rejects the value `https`", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("(at filters[0].query.bool.must[1].bool.should[0].match_phrase.source.port)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThirdFilter_NamesItsPosition()
    {
        var rule = FilterRules.Rule("""
            [{"meta":{},"query":{"term":{"source.ip":"10.0.0.1"}}},
             {"meta":{"negate":true},"query":{"term":{"source.ip":"10.0.0.2"}}},
             {"meta":{"type":"phrase","key":"source.ip"},"query":{"match_phrase":{"source.ip":"10.0.0.300"}}}]
            """);

        var problem = Vigil.Detect.Rules.Filters.RuleQuery.CheckFilters(rule, Vigil.Detect.Kql.FieldMapping.CloudTrail);

        Assert.NotNull(problem);
        Assert.Equal(2, problem.Index);
        Assert.StartsWith("invalid filter filters[2] (phrase filter on source.ip): Elasticsearch rejects the value `10.0.0.300`", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("(at filters[2].query.match_phrase.source.ip)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongTermsList_NamesValueIndex()
    {
        var problem = FilterRules.ProblemOf("""{"terms":{"source.port":[443,"x"],"boost":1}}""");

        Assert.EndsWith("(at filters[0].query.terms.source.port[1])", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_SplitsFix()
    {
        var problem = FilterRules.ProblemOf("""{"term":{"source.ip":"notanip"}}""");

        Assert.Equal("use an address or a CIDR block such as 10.0.0.0/8", problem.Fix);
        Assert.Equal(
            "invalid filter filters[0]: Elasticsearch rejects the value `notanip` on the ip field `source.ip`, so the rule would fail (at filters[0].query.term.source.ip)",
            problem.Summary);
    }
}
