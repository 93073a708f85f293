using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

public class KqlNestingDepthTests
{
    private const int Hostile = 20_000;

    private static readonly JsonSerializerOptions DeepJson = new() { MaxDepth = 100_000 };

    [Theory]
    [InlineData("(", "a:b", ")")]
    [InlineData("(", "a:(b)", ")")]
    [InlineData("a:(", "(b)", ")")]
    [InlineData("x:{ x.a:b and ", "x.a:b", "}")]
    [InlineData("not (a:b or a:c and ", "a:d", ")")]
    public void HostileDepthIsSyntaxError(string open, string inner, string close)
    {
        var query = Nest(open, inner, close, Hostile);

        var error = Kql.Parse(query).Error;

        Assert.NotNull(error);
        Assert.StartsWith("query nested too deeply (more than 512 levels)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileDepthPositionsAtFirstBracketTooDeep()
    {
        var error = Kql.Parse(Nest("(", "a:b", ")", Hostile)).Error!;

        Assert.Equal(Kql.MaxNestingDepth, error.Position);
    }

    [Fact]
    public void LimitDepthParses()
    {
        var parsed = Kql.Parse(Nest("(", "a:b", ")", Kql.MaxNestingDepth));

        Assert.True(parsed.Success);
    }

    [Fact]
    public void OneBeyondLimitFails()
    {
        var parsed = Kql.Parse(Nest("(", "a:b", ")", Kql.MaxNestingDepth + 1));

        Assert.False(parsed.Success);
    }

    [Theory]
    [InlineData("not (a:b or a:c and ", "a:d", ")", true)]
    [InlineData("a:(b or c and not ", "d", ")", false)]
    public void DeepestTreeRunsThroughEveryPass(string open, string inner, string close, bool expected)
    {
        var query = Nest(open, inner, close, Kql.MaxNestingDepth);
        var ast = Kql.Parse(query).Query!;
        var mapping = FieldMapping.FromElasticsearchMapping(JsonNode.Parse("""{"a":"keyword"}""")!);

        var canonical = ast.ToCanonicalString();
        var printed = KqlQueryPrinter.Print(ast);
        var compiled = Kql.Compile(query, mapping);
        var matched = compiled.Predicate!(new EcsDocument(new JsonObject { ["a"] = "z" }));
        var dsl = KqlDsl.ToElasticsearchQuery(ast, mapping).Query!.ToJsonString(DeepJson);

        Assert.NotEmpty(canonical);
        Assert.True(Kql.Parse(printed).Success);
        Assert.False(string.IsNullOrEmpty(dsl));
        Assert.Equal(expected, matched);
    }

    private static string Nest(string open, string inner, string close, int depth)
    {
        var field = open.StartsWith("a:(", StringComparison.Ordinal) ? "a:" : "";
        var repeated = open[field.Length..];
        return field + string.Concat(Enumerable.Repeat(repeated, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
    }
}
