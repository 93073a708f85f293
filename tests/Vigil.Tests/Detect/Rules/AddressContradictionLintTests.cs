using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Contradictions on <c>source.ip</c>, the only ip field with one value per mapped CloudTrail event:
/// exact addresses and CIDR blocks conflict only when no address is in all of them.
/// </summary>
public class AddressContradictionLintTests
{
    [Theory]
    [InlineData("source.ip:\"10.0.0.1\" and source.ip:\"10.0.0.2\"")]
    [InlineData("source.ip:\"10.0.0.0/8\" and source.ip:\"192.168.0.1\"")]
    [InlineData("source.ip:10.0.0.0/16 and source.ip:10.1.0.0/16")]
    [InlineData("source.ip:10.0.0.0/8 and source.ip:10.1.0.0/16 and source.ip:10.2.0.1")]
    [InlineData("source.ip:(10.0.0.1 or 10.0.0.2) and source.ip:192.168.0.0/16")]
    [InlineData("source.ip:\"2001:db8::/32\" and source.ip:\"2001:db9::1\"")]
    [InlineData("source.ip:\"10.0.0.1\" and source.ip:\"2001:db8::1\"")]
    [InlineData("source.ip:0.0.0.0/0 and source.ip:\"2001:db8::1\"")]
    [InlineData("event.provider:sts.amazonaws.com and (source.ip:10.0.0.1 and source.ip:10.0.0.2)")]
    public void DisjointAddressesAreError(string query)
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)));

        Assert.Equal(LintIds.ContradictoryValues, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
    }

    [Theory]
    [InlineData("source.ip:\"10.0.0.0/8\" and source.ip:\"10.0.0.1\"")]
    [InlineData("source.ip:10.0.0.1 and source.ip:10.0.0.1/32")]
    [InlineData("source.ip:\"10.0.0.1\" and source.ip:\"::ffff:10.0.0.1\"")]
    [InlineData("source.ip:\"::ffff:a00:1\" and source.ip:10.0.0.0/8")]
    [InlineData("source.ip:\"::/0\" and source.ip:10.0.0.1")]
    [InlineData("source.ip:10.0.0.0/8 and source.ip:10.1.0.0/16 and source.ip:10.1.2.3")]
    [InlineData("source.ip:(10.0.0.1 or 192.168.0.1) and source.ip:192.168.0.0/16")]
    [InlineData("source.ip:\"2001:db8::/32\" and source.ip:\"2001:db8:0:1::5\"")]
    [InlineData("source.ip:10.0.0.1 or source.ip:10.0.0.2")]
    public void OverlappingAddressesAccepted(string query)
    {
        Assert.Empty(LintRules.Problems(LintRules.FromQuery(query)));
    }

    [Theory]
    [InlineData("source.ip:10.0.0.* and source.ip:192.168.0.1")]
    [InlineData("source.ip >= 10.0.0.0 and source.ip:192.168.0.1")]
    [InlineData("not source.ip:10.0.0.0/8 and source.ip:192.168.0.1")]
    [InlineData("source.ip:notanip and source.ip:192.168.0.1")]
    [InlineData("related.ip:10.0.0.1 and related.ip:10.0.0.2")]
    public void UndecidedAddressesNotContradiction(string query)
    {
        Assert.DoesNotContain(LintRules.Problems(LintRules.FromQuery(query)), finding => finding.Id == LintIds.ContradictoryValues);
    }

    [Fact]
    public void AddressContradictionText()
    {
        const string query = "event.provider:sts.amazonaws.com and source.ip:10.0.0.0/8 and source.ip:192.168.0.1";

        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)));

        Assert.Equal(
            "source.ip has one address per event, and no address is both in one of (10.0.0.0/8) and in one of (192.168.0.1), so the conjunction never matches",
            finding.Message);
        Assert.Equal(
            "join the values with \"or\": source.ip:(10.0.0.0/8 or ...), or widen a CIDR block so that it contains the other values",
            finding.Fix);
        Assert.Equal(query.IndexOf("192.168.0.1", StringComparison.Ordinal), finding.QueryOffset);
    }

    [Fact]
    public void NarrowedBlockNamedInMessage()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("source.ip:10.0.0.0/8 and source.ip:10.1.0.0/16 and source.ip:10.2.0.1")));

        Assert.Contains("in one of (10.1.0.0/16) and in one of (10.2.0.1)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6ValueQuotedInFix()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery("source.ip:\"2001:db8::/32\" and source.ip:10.0.0.1")));

        Assert.Equal(
            "join the values with \"or\": source.ip:(\"2001:db8::/32\" or ...), or widen a CIDR block so that it contains the other values",
            finding.Fix);
    }

    [Fact]
    public void TermsFilterAgainstQueryAddress()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"terms":{"source.ip":["192.168.0.0/16","172.16.0.1"]}}}]""", "source.ip:10.0.0.0/8");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.ContradictoryValues, finding.Id);
        Assert.StartsWith("filter filters[0] at filters[0].query.terms.source.ip: source.ip has one address per event", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FilterInsideQueryBlockAccepted()
    {
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"term":{"source.ip":"10.20.30.40"}}}]""", "source.ip:10.0.0.0/8");

        Assert.Empty(LintRules.Problems(rule));
    }
}
