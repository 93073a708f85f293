using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

public class IndexPatternsTests
{
    private const string CloudTrail = "logs-aws.cloudtrail-default";

    [Theory]
    [InlineData("logs-aws*", true)]
    [InlineData("logs-aws.cloudtrail-*", true)]
    [InlineData("filebeat-*", false)]
    [InlineData("logs-aws.cloudtrail-default", true)]
    [InlineData("logs-aws.cloudtrail", false)]
    [InlineData("*", true)]
    [InlineData("*cloudtrail*", true)]
    [InlineData("logs-*-default", true)]
    [InlineData("logs-*.*-*", true)]
    [InlineData("logs-*cloudtrail*cloudtrail*", false)]
    [InlineData("LOGS-AWS*", false)]
    [InlineData("*:logs-aws*", false)]
    [InlineData("logs-aws.cloudtrail-default*", true)]
    [InlineData("logs-aws.cloudtrail-defaultx*", false)]
    public void SinglePattern(string pattern, bool expected)
    {
        Assert.Equal(expected, IndexPatterns.Matches([pattern], CloudTrail));
    }

    [Theory]
    [InlineData(new[] { "filebeat-*", "logs-aws*" }, true)]
    [InlineData(new[] { "filebeat-*,logs-aws*" }, true)]
    [InlineData(new[] { "filebeat-* , logs-aws*" }, true)]
    [InlineData(new[] { "logs-*", "-logs-aws*" }, false)]
    [InlineData(new[] { "logs-*,-logs-aws.cloudtrail-*" }, false)]
    [InlineData(new[] { "logs-*", "-logs-aws*", "logs-aws.cloudtrail-*" }, true)]
    [InlineData(new[] { "-logs-aws*", "logs-*" }, true)]
    [InlineData(new[] { "logs-*", "-filebeat-*" }, true)]
    [InlineData(new string[0], false)]
    public void PatternLists(string[] patterns, bool expected)
    {
        Assert.Equal(expected, IndexPatterns.Matches(patterns, CloudTrail));
    }

    [Fact]
    public void WildcardIsLinearOnHostileName()
    {
        var name = new string('a', 200_000);
        var pattern = "*" + string.Concat(Enumerable.Repeat("a*", 50)) + "b";

        Assert.False(Wildcard.IsMatch(pattern, name));
    }

    [Fact]
    public void EmptyPatternMatchesOnlyEmptyName()
    {
        Assert.True(Wildcard.IsMatch("", ""));
        Assert.False(Wildcard.IsMatch("", "a"));
    }

    [Fact]
    public void OverlappingPrefixAndSuffixDoNotMatch()
    {
        Assert.False(Wildcard.IsMatch("ab*ba", "aba"));
    }
}
