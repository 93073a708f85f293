using Vigil.Detect.Kql.Compilation.Leaves;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// Builds the value tests of Elasticsearch's term-level queries (<c>term</c>, <c>terms</c>,
/// <c>prefix</c>, <c>wildcard</c>) for one field type. Keyword-like fields compare whole values, and
/// text fields compare each token of the analyzed value with the query's value, which is not
/// analyzed. On numbers, dates, IPs and booleans a term is the parsed value, as Kibana's phrase
/// filter sends it. Elasticsearch rejects a prefix or wildcard query on those types, and
/// <c>case_insensitive</c> there, so the rule would fail.
/// </summary>
internal sealed class TermLevelLeaves(LeafCompiler leaves, TimeProvider clock)
{
    /// <summary>Builds the test of a term (one value) or terms query: a value of the field equals one of <paramref name="values"/>.</summary>
    public LeafResult Terms(ResolvedField field, IReadOnlyList<string> values, bool caseInsensitive)
    {
        var family = TypeFamilies.Of(field.Type);
        if (family is TypeFamily.Keyword or TypeFamily.KeywordViaQueryString)
        {
            return values.Count == 1 && !caseInsensitive
                ? LeafResult.Ok(new KeywordEquals(values[0], field.IgnoreAbove))
                : LeafResult.Ok(new KeywordOneOf(TermSet(values, caseInsensitive), field.IgnoreAbove));
        }

        if (family == TypeFamily.Text)
        {
            return LeafResult.Ok(new TextTokenOneOf(TermSet(values, caseInsensitive)));
        }

        if (family == TypeFamily.Container)
        {
            return LeafResult.Ok(NeverTest.Instance);
        }

        if (caseInsensitive)
        {
            return Rejected(field, "term query with case_insensitive", "remove case_insensitive");
        }

        var tests = new List<ValueTest>();
        for (var i = 0; i < values.Count; i++)
        {
            var result = leaves.Is(field, KqlValue.Quoted(values[i]), freeText: false);
            if (result.Test is null)
            {
                return result with { ValueIndex = i };
            }

            tests.Add(result.Test);
        }

        if (tests.Count == 1)
        {
            return LeafResult.Ok(tests[0]);
        }

        return LeafResult.Ok(TypedTermSets.For(field, values, clock) ?? new AnyTest(tests));
    }

    /// <summary>Builds the test of a prefix query: a value of the field starts with <paramref name="prefix"/>.</summary>
    public static LeafResult Prefix(ResolvedField field, string prefix, bool caseInsensitive) => TypeFamilies.Of(field.Type) switch
    {
        TypeFamily.Keyword or TypeFamily.KeywordViaQueryString => LeafResult.Ok(new KeywordPrefix(prefix, caseInsensitive, field.IgnoreAbove)),
        TypeFamily.Text => LeafResult.Ok(new TextTokenPrefix(prefix, caseInsensitive)),
        TypeFamily.Container => LeafResult.Ok(NeverTest.Instance),
        _ => Rejected(field, "prefix query", "use a term or range query"),
    };

    /// <summary>Builds the test of a wildcard query: a value of the field matches <paramref name="pattern"/>.</summary>
    public static LeafResult Wildcard(ResolvedField field, string pattern, bool caseInsensitive) => TypeFamilies.Of(field.Type) switch
    {
        TypeFamily.Keyword or TypeFamily.KeywordViaQueryString =>
            LeafResult.Ok(new KeywordWildcardQuery(WildcardQueryPattern.Parse(pattern, caseInsensitive), field.IgnoreAbove)),
        TypeFamily.Text => LeafResult.Ok(new TextTokenWildcard(WildcardQueryPattern.Parse(pattern, caseInsensitive))),
        TypeFamily.Container => LeafResult.Ok(NeverTest.Instance),
        _ => Rejected(field, "wildcard query", "use a term or range query"),
    };

    /// <summary>Returns the terms as a set that compares ordinally, or by ASCII case with <c>case_insensitive</c>.</summary>
    private static HashSet<string> TermSet(IReadOnlyList<string> values, bool caseInsensitive) =>
        new(values, caseInsensitive ? AsciiCaseComparer.Instance : StringComparer.Ordinal);

    private static LeafResult Rejected(ResolvedField field, string query, string fix) =>
        LeafResult.Fail($"Elasticsearch rejects a {query} on the {TypeFamilies.EsName(field.Type)} field `{field.Name}`, so the rule would fail; {fix}");

    private sealed class NeverTest : ValueTest
    {
        public static NeverTest Instance { get; } = new();

        public override bool Test(System.Text.Json.Nodes.JsonNode value) => false;
    }
}
