using Vigil.Detect.Rules.Lint;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Exact values longer than a keyword field's <c>ignore_above</c> (VR022), which Elasticsearch never
/// indexes: 1024 on <c>user_agent.original</c>, other ECS keyword fields and the string copies of
/// additional event data and service event details, 8191 on those of request parameters and
/// response elements.
/// </summary>
public class IgnoreAboveLintTests
{
    [Theory]
    [InlineData("user_agent.original", 1025, 1024)]
    [InlineData("user.name", 1025, 1024)]
    [InlineData("aws.cloudtrail.user_identity.arn", 1025, 1024)]
    [InlineData("aws.cloudtrail.request_parameters", 8192, 8191)]
    [InlineData("aws.cloudtrail.response_elements", 9000, 8191)]
    [InlineData("aws.cloudtrail.additional_eventdata", 1025, 1024)]
    [InlineData("aws.cloudtrail.service_event_details", 2000, 1024)]
    public void ValueAboveLimitIsError(string field, int length, int limit)
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery($"{field}:\"{new string('a', length)}\"")));

        Assert.Equal(LintIds.ValueAboveIgnoreAbove, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal(
            $"{field} is a keyword field with ignore_above {limit}, and the value is {length} characters long, so Elasticsearch indexes no such value and the condition never matches",
            finding.Message);
    }

    [Theory]
    [InlineData("user_agent.original", 1024)]
    [InlineData("aws.cloudtrail.request_parameters", 8191)]
    [InlineData("aws.cloudtrail.request_parameters", 2000)]
    public void ValueAtLimitAccepted(string field, int length)
    {
        Assert.Empty(LintRules.Problems(LintRules.FromQuery($"{field}:\"{new string('a', length)}\"")));
    }

    [Theory]
    [InlineData("user_agent.original.text")]
    [InlineData("aws.cloudtrail.flattened.request_parameters.policyDocument")]
    [InlineData("message")]
    public void FieldWithoutLimitAccepted(string field)
    {
        Assert.Empty(LintRules.Problems(LintRules.FromQuery($"{field}:\"{new string('a', 2000)}\"")));
    }

    [Fact]
    public void WildcardAboveLimitAccepted()
    {
        Assert.Empty(LintRules.Problems(LintRules.FromQuery($"user_agent.original:*{new string('a', 1100)}*")));
    }

    [Fact]
    public void UnquotedValueAboveLimitIsError()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery($"user_agent.original:{new string('a', 1100)}")));

        Assert.Equal(LintIds.ValueAboveIgnoreAbove, finding.Id);
    }

    [Fact]
    public void FixNamesTextMultiField()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery($"user_agent.original:\"{new string('a', 1100)}\"")));

        Assert.Equal("match a phrase on the text multi-field, which indexes values of any length: user_agent.original.text:\"...\"", finding.Fix);
    }

    [Fact]
    public void FixWithoutMultiFieldRemoves()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery($"user.id:\"{new string('a', 1100)}\"")));

        Assert.Equal("remove the condition, because no value of user.id longer than 1024 characters is indexed", finding.Fix);
    }

    [Fact]
    public void FindingAtValueOffset()
    {
        var query = $"event.provider:sts.amazonaws.com and user_agent.original:(aws-cli or \"{new string('b', 1030)}\")";

        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery(query)));

        Assert.Equal(query.IndexOf("\"bbb", StringComparison.Ordinal), finding.QueryOffset);
    }

    [Fact]
    public void NegatedValueExcludesNothing()
    {
        var finding = Assert.Single(LintRules.Problems(LintRules.FromQuery($"event.provider:sts.amazonaws.com and not user_agent.original:\"{new string('a', 1100)}\"")));

        Assert.EndsWith("so Elasticsearch indexes no such value and the \"not\" around it excludes no event", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongFilterValueIsError()
    {
        var value = new string('a', 1100);
        var rule = FilterRules.Rule("""[{"meta":{},"query":{"terms":{"user_agent.original":["aws-cli",""" + $"\"{value}\"" + "]}}}]");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.ValueAboveIgnoreAbove, finding.Id);
        Assert.StartsWith("filter filters[0] at filters[0].query.terms.user_agent.original[1]: user_agent.original is a keyword field with ignore_above 1024", finding.Message, StringComparison.Ordinal);
    }
}
