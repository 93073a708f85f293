using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>Text semantics: each string value is analyzed into lower-cased tokens.</summary>
internal abstract class TextTest : ValueTest
{
    public sealed override bool Test(JsonNode value) =>
        ScalarValue.KeywordText(value) is { } text && TestTokens(TextAnalyzer.Tokenize(text));

    protected abstract bool TestTokens(List<string> tokens);
}

internal sealed class TextExists : TextTest
{
    protected override bool TestTokens(List<string> tokens) => true;
}

/// <summary>A <c>match</c> query: any query token is among the value's tokens.</summary>
internal sealed class TextAnyToken(IReadOnlyList<string> queryTokens) : TextTest
{
    protected override bool TestTokens(List<string> tokens) => queryTokens.Any(tokens.Contains);
}

/// <summary>A <c>match_phrase</c> query: the query tokens appear adjacent and in order within one value.</summary>
internal sealed class TextPhrase(IReadOnlyList<string> queryTokens) : TextTest
{
    protected override bool TestTokens(List<string> tokens)
    {
        if (queryTokens.Count == 0)
        {
            return false;
        }

        for (var start = 0; start + queryTokens.Count <= tokens.Count; start++)
        {
            if (queryTokens.Select((token, i) => tokens[start + i] == token).All(equal => equal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A wildcard term of a query_string on a text field: matched against single tokens.</summary>
internal sealed class TextWildcardToken(WildcardMatcher lowerCasedMatcher) : TextTest
{
    protected override bool TestTokens(List<string> tokens) => tokens.Exists(token => lowerCasedMatcher.IsMatch(token));
}

/// <summary>A range over the indexed tokens of a text field.</summary>
internal sealed class TextRange(Bound<string> lower, Bound<string> upper) : TextTest
{
    protected override bool TestTokens(List<string> tokens) =>
        tokens.Exists(token =>
            lower.AllowsAsLower(lower.IsSet ? Utf8Order.Compare(token, lower.Value) : 0)
            && upper.AllowsAsUpper(upper.IsSet ? Utf8Order.Compare(token, upper.Value) : 0));
}
