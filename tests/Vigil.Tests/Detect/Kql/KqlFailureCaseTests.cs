using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>The KQL failure cases found in the wild, each checked against the result Kibana and Elasticsearch give.</summary>
public class KqlFailureCaseTests
{
    [Theory]
    [InlineData("query.kql")]
    [InlineData("query-quoted.kql")]
    public void WildcardWithSpaces(string queryFile)
    {
        var failureCase = FailureCase.Load("001");

        foreach (var (document, expected) in failureCase.ExpectedMatches(queryFile))
        {
            Assert.True(expected == failureCase.Matches(queryFile, document), $"{queryFile} on {document}: expected {expected}");
        }
    }

    [Fact]
    public void WildcardWithSpacesIsOnePatternPerValue()
    {
        var failureCase = FailureCase.Load("001");

        var ast = Kql.Parse(failureCase.Query("query.kql")).Query!.ToCanonicalString();

        Assert.Contains("(or (is \"user_agent.original\" w\"*S3 Browser*\") (is \"user_agent.original\" w\"*Cyberduck*\"))", ast, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q1.kql")]
    [InlineData("q3.kql")]
    public void SpacedNotInsideValueIsSyntaxError(string queryFile)
    {
        var failureCase = FailureCase.Load("002");
        var expectedOffset = failureCase.Expected[queryFile]!["parse_error_offset"]!.GetValue<int>();

        var result = Kql.Parse(failureCase.Query(queryFile));

        Assert.False(result.Success);
        Assert.Equal(expectedOffset, result.Error!.Position);
    }

    /// <summary>
    /// In Kibana's grammar the escape <c>\n</c> is tried before an escaped keyword, so <c>\not</c> reads as
    /// a line feed followed by "ot" (checked by running the grammar with PEG.js 0.10). The case file
    /// expects a match; this test expects Kibana's reading instead.
    /// </summary>
    [Fact]
    public void EscapedLowerCaseNotIsLineFeed()
    {
        var failureCase = FailureCase.Load("002");

        var ast = Kql.Parse(failureCase.Query("q2.kql")).Query!.ToCanonicalString();

        Assert.Equal("(is \"aws.cloudtrail.error_message\" w\"*is \\not authorized to perform: iam:CreateUser*\")", ast);
        Assert.False(failureCase.Matches("q2.kql", "ecs-doc.json"));
    }

    /// <summary>A lower-case "not" inside an unquoted value needs a Unicode escape: <c>\u006eot</c>.</summary>
    [Fact]
    public void UnicodeEscapedNotMatchesText()
    {
        var failureCase = FailureCase.Load("002");
        var query = failureCase.Query("q2.kql").Replace("\\not", "\\u006eot", StringComparison.Ordinal);

        Assert.True(failureCase.QueryMatches(query, "ecs-doc.json"));
    }

    [Fact]
    public void SpacedOrInsideValueSplitsQuery()
    {
        var failureCase = FailureCase.Load("002");

        var ast = Kql.Parse(failureCase.Query("q4.kql")).Query!.ToCanonicalString();

        Assert.Equal("(or (is \"aws.cloudtrail.error_message\" w\"*: resource missing\") (is _ w\"expired*\"))", ast);
        Assert.False(failureCase.Matches("q4.kql", "ecs-doc.json"));
    }

    [Theory]
    [InlineData("q1.kql")]
    [InlineData("q2.kql")]
    [InlineData("q3.kql")]
    [InlineData("q4.kql")]
    public void KeywordCaseSensitivity(string queryFile)
    {
        var failureCase = FailureCase.Load("004");

        var (document, expected) = failureCase.ExpectedMatches(queryFile).Single();

        Assert.Equal(expected, failureCase.Matches(queryFile, document));
    }

    [Theory]
    [InlineData("docs/no-event-type.json")]
    [InlineData("docs/service-event.json")]
    [InlineData("docs/api-call.json")]
    public void NotMatchesMissingField(string document)
    {
        var failureCase = FailureCase.Load("005");

        var expected = failureCase.ExpectedMatches("query.kql").Single(e => e.Document == document).Expected;

        Assert.Equal(expected, failureCase.Matches("query.kql", document));
    }

    [Theory]
    [InlineData("query.kql")]
    [InlineData("query-not.kql")]
    public void ExistsIncludesEmptyString(string queryFile)
    {
        var failureCase = FailureCase.Load("006");

        foreach (var (document, expected) in failureCase.ExpectedMatches(queryFile))
        {
            Assert.True(expected == failureCase.Matches(queryFile, document), $"{queryFile} on {document}: expected {expected}");
        }
    }

    [Theory]
    [InlineData("query.kql")]
    [InlineData("query-v6.kql")]
    public void CidrOnIpField(string queryFile)
    {
        var failureCase = FailureCase.Load("008");

        foreach (var (document, expected) in failureCase.ExpectedMatches(queryFile))
        {
            Assert.True(expected == failureCase.Matches(queryFile, document), $"{queryFile} on {document}: expected {expected}");
        }
    }
}
