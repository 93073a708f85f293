using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

public class KqlSyntaxErrorTests
{
    [Fact]
    public void UnclosedListNamesEndAndExpectations()
    {
        var error = Kql.Parse("a:(b").Error!;

        Assert.Equal("Syntax error (line 1, column 5): unexpected end of input, expected `)`, AND, OR or whitespace", error.ToString());
    }

    [Fact]
    public void EmptyParenthesesExpectQuery()
    {
        var error = Kql.Parse("()").Error!;

        Assert.Equal("Syntax error (line 1, column 2): unexpected `)`, expected `(`, NOT, field name, value or whitespace", error.ToString());
    }

    [Fact]
    public void NotInsideValueGetsKeywordHint()
    {
        var error = Kql.Parse("field:cannot find").Error!;

        Assert.Equal(
            "Syntax error (line 1, column 10): unexpected `n`, expected AND, OR, end of input or whitespace "
            + "(`and`, `or` and `not` followed by whitespace are operators even inside an unquoted value; quote the value, "
            + "or escape the word as \\and, \\or or \\u006eot (\\not is a line feed followed by `ot`))",
            error.ToString());
    }

    [Theory]
    [InlineData("a:\"unterminated", 3)]
    [InlineData("a:\"ends in an escaped quote\\\"", 3)]
    [InlineData("a:\"closed\" and b:\"open", 18)]
    public void UnclosedQuoteGetsClosingHint(string query, int column)
    {
        var error = Kql.Parse(query).Error!;

        Assert.Equal(column, error.Column);
        Assert.Contains("the quoted value that starts here has no closing `\"`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosedQuoteGetsNoClosingHint()
    {
        var error = Kql.Parse("a:\"closed\" )").Error!;

        Assert.DoesNotContain("no closing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnescapedColonGetsEscapeHint()
    {
        var error = Kql.Parse("related.entity: arn:aws:iam::aws:policy*").Error!;

        Assert.Equal(
            "Syntax error (line 1, column 20): unexpected `:`, expected AND, OR, end of input or whitespace "
            + "(escape \\ ( ) : < > \" * { } with a backslash inside an unquoted value, or quote the value)",
            error.ToString());
    }

    [Fact]
    public void MissingRangeValue()
    {
        var error = Kql.Parse("a >=").Error!;

        Assert.Equal("Syntax error (line 1, column 5): unexpected end of input, expected value or whitespace", error.ToString());
    }

    [Fact]
    public void LineAndColumnCountLineFeeds()
    {
        var error = Kql.Parse("a:b and\n  c:d)").Error!;

        Assert.Equal((2, 6, 13), (error.Line, error.Column, error.Position));
    }
}
