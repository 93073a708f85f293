using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>
/// <see cref="KqlNode.ToQueryText"/> on every valid query of the conformance cases and of Elastic's
/// prebuilt rules: the printed text parses back to the same AST.
/// </summary>
public class KqlQueryTextTests
{
    public static TheoryData<string> Queries
    {
        get
        {
            var queries = SharedData.KqlRecords("parse.jsonl")
                .Where(r => (bool)r["valid"]!)
                .Concat(SharedData.KqlRecords("real-rule-queries.jsonl"))
                .Select(r => (string)r["query"]!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return queries.Count == 0 ? new TheoryData<string>(SharedData.Absent) : new TheoryData<string>(queries);
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void QueryTextRoundTrips(string query)
    {
        SharedData.RequireRoot();
        var ast = Kql.Parse(query).Query!;

        var reparsed = Kql.Parse(ast.ToQueryText());

        Assert.True(reparsed.Success, $"{ast.ToQueryText()}: {reparsed.Error}");
        Assert.Equal(ast.ToCanonicalString(), reparsed.Query!.ToCanonicalString());
    }

    [Theory]
    [InlineData("a:b and not (c:d or e:\"f g\")", "a:b and not (c:d or e:\"f g\")")]
    [InlineData("x:(a or b)", "x:a or x:b")]
    [InlineData(@"f:a\:b\*c*", @"f:a\:b\*c*")]
    [InlineData(@"f:x \u006eot y", @"f:x \u006eot y")]
    [InlineData(@"f:x \not y", @"f:x \not y")]
    [InlineData("n:{ a:1 }", "n:{ a:1 }")]
    [InlineData("\"null\":1", "\"null\":1")]
    public void QueryTextSpelling(string query, string expected)
    {
        var ast = Kql.Parse(query).Query!;

        Assert.Equal(expected, ast.ToQueryText());
    }
}
