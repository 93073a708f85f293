using Vigil.Detect.Rules.Lint;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// The event-name catalogue accepts names real CloudTrail records carry, and a name it lacks is a
/// warning unless it is known to be wrong for the provider.
/// </summary>
public class EventNameSeverityTests
{
    [Theory]
    [InlineData("lambda.amazonaws.com", "DeleteFunction")]
    [InlineData("lambda.amazonaws.com", "DeleteFunction20150331")]
    [InlineData("s3.amazonaws.com", "ListBucket")]
    [InlineData("s3.amazonaws.com", "GetBucketPublicAccessBlock")]
    [InlineData("secretsmanager.amazonaws.com", "StartSecretVersionDelete")]
    [InlineData("ssm.amazonaws.com", "UpdateInstanceInformation")]
    public void LoggedNameAccepted(string provider, string action)
    {
        var rule = LintRules.FromQuery($"event.provider:{provider} and event.action:{action}");

        Assert.Empty(LintRules.Problems(rule));
    }

    [Fact]
    public void ElasticLambdaDeleteQueryClean()
    {
        var rule = LintRules.FromQuery("event.provider:lambda.amazonaws.com and event.action:(DeleteFunction or DeleteFunction20*)");

        Assert.Empty(LintRules.Problems(rule));
    }

    [Fact]
    public void UncataloguedNameIsWarning()
    {
        var rule = LintRules.FromQuery("event.provider:organizations.amazonaws.com and event.action:DescribeOrgnanizationalUnit");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.ActionNotLoggedByProvider, finding.Id);
        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.StartsWith("did you mean DescribeOrganizationalUnit", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void UnversionedLambdaNameIsWarning()
    {
        var rule = LintRules.FromQuery("event.provider:lambda.amazonaws.com and event.action:CreateFunction");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("CreateFunction20150331", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherProvidersNameIsError()
    {
        var rule = LintRules.FromQuery("event.provider:iam.amazonaws.com and event.action:AssumeRole");

        var finding = Assert.Single(LintRules.Problems(rule));

        Assert.Equal(LintIds.ActionNotLoggedByProvider, finding.Id);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Contains("change event.provider to sts.amazonaws.com", finding.Fix, StringComparison.Ordinal);
    }
}
