using System.Text.Json;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Terms queries with several values on ip, number and date fields, which Vigil tests with a hashed
/// or sorted set of the parsed values. They must match as the value-by-value test does.
/// </summary>
public class RuleFilterTermSetTests
{
    [Theory]
    [InlineData("""["10.9.9.9","203.0.113.10"]""", "alice")]
    [InlineData("""["::ffff:203.0.113.10","10.0.0.1"]""", "alice")]
    [InlineData("""["2001:db8:0:0:0:0:0:7","10.0.0.1"]""", "bob")]
    [InlineData("""["2001:db8::/32","198.51.100.0/24"]""", "bob,get")]
    [InlineData("""["203.0.113.10/32","0.0.0.0/0"]""", "alice,get")]
    [InlineData("""["::/0","10.0.0.1"]""", "alice,bob,get")]
    [InlineData("""["203.0.113.11","198.51.100.201"]""", "")]
    public void Ip_MatchesAddressesAndNetworks(string values, string expected) =>
        Assert.Equal(expected, FilterRules.MatchedBy("""{"terms":{"source.ip":""" + values + "}}"));

    [Theory]
    [InlineData("""[443,"8443"]""", "alice,bob")]
    [InlineData("""["443.0",1]""", "alice")]
    [InlineData("""["4.43e2",1]""", "alice")]
    [InlineData("""[443.5,1]""", "")]
    public void Long_MatchesParsedNumbers(string values, string expected) =>
        Assert.Equal(expected, FilterRules.MatchedBy("""{"terms":{"source.port":""" + values + "}}"));

    [Theory]
    [InlineData("""["2026-12-01T10:00:00.000Z","2020-01-01T00:00:00Z"]""", "alice")]
    [InlineData("""["2026-12-01T10:00:00Z","2026-12-03"]""", "alice,get")]
    [InlineData("""["2026-12-02","2026-12-02T12:00:00Z"]""", "bob")]
    [InlineData("""["2026-12-01T10:00:00.001Z","2026-12-02T23:59:59.998Z"]""", "")]
    [InlineData("""[1796119200000,"2020-01-01"]""", "alice")]
    [InlineData("""["now-100y/y","2020-01-01"]""", "")]
    public void Date_MatchesInstantsAndDays(string values, string expected) =>
        Assert.Equal(expected, FilterRules.MatchedBy("""{"terms":{"@timestamp":""" + values + "}}"));

    [Fact]
    public void ManyIps_SameAsOneByOne()
    {
        var values = Enumerable.Range(0, 5000).Select(i => $"10.1.{i / 256}.{i % 256}").Append("2001:db8::7").Append("198.51.100.0/25");

        var matched = FilterRules.MatchedBy("""{"terms":{"source.ip":""" + JsonSerializer.Serialize(values) + "}}");

        Assert.Equal("bob", matched);
    }

    [Theory]
    [InlineData("source.ip", "\"203.0.113.10\"", "\"198.51.100.0/24\"", "alice,get")]
    [InlineData("source.port", "443", "\"8443\"", "alice,bob")]
    [InlineData("@timestamp", "\"2026-12-02\"", "\"2026-12-03T00:00:00Z\"", "bob,get")]
    [InlineData("user.name", "\"alice\"", "\"Bob\"", "alice,bob")]
    public void PhrasesFilter_MatchesEitherPhrase(string field, string first, string second, string expected)
    {
        var query = $$$"""{"bool":{"should":[{"match_phrase":{"{{{field}}}":{{{first}}}}},{"match_phrase":{"{{{field}}}":{{{second}}}}},{"term":{"user.name":"nobody"}}],"minimum_should_match":1}}""";

        Assert.Equal(expected, FilterRules.MatchedBy(query));
    }

    [Fact]
    public void PhrasesFilter_ErrorNamesPhrase()
    {
        var problem = FilterRules.ProblemOf("""{"bool":{"should":[{"match_phrase":{"source.ip":"10.0.0.1"}},{"match_phrase":{"source.ip":"10.0.0.2"}},{"match_phrase":{"source.ip":"bad"}}],"minimum_should_match":1}}""");

        Assert.Contains("Elasticsearch rejects the value `bad` on the ip field `source.ip`", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("(at filters[0].query.bool.should[2].match_phrase.source.ip)", problem.Message, StringComparison.Ordinal);
    }
}
