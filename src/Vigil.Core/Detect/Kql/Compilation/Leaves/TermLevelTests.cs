using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>
/// A term or terms query on a keyword field: the whole value is one of the terms, which the set
/// compares ordinally or, with <c>case_insensitive</c>, by <see cref="AsciiCaseComparer"/>.
/// </summary>
internal sealed class KeywordOneOf(HashSet<string> terms, int? ignoreAbove) : KeywordTest(ignoreAbove)
{
    protected override bool TestText(string text) => terms.Contains(text);
}

/// <summary>A prefix query on a keyword field: the whole value starts with the prefix.</summary>
internal sealed class KeywordPrefix(string prefix, bool ignoreAsciiCase, int? ignoreAbove) : KeywordTest(ignoreAbove)
{
    protected override bool TestText(string text) => ignoreAsciiCase
        ? AsciiCase.StartsWith(text, prefix)
        : text.StartsWith(prefix, StringComparison.Ordinal);
}

/// <summary>A wildcard query on a keyword field: the whole value matches the pattern.</summary>
internal sealed class KeywordWildcardQuery(WildcardQueryPattern pattern, int? ignoreAbove) : KeywordTest(ignoreAbove)
{
    protected override bool TestText(string text) => pattern.IsMatch(text);
}

/// <summary>
/// A term or terms query on a text field: one token of the analyzed value is one of the terms.
/// The terms themselves are not analyzed, so a term with an upper-case letter matches only with
/// <c>case_insensitive</c>.
/// </summary>
internal sealed class TextTokenOneOf(HashSet<string> terms) : TextTest
{
    protected override bool TestTokens(List<string> tokens) => tokens.Exists(terms.Contains);
}

/// <summary>A prefix query on a text field: one token starts with the prefix, which is not analyzed.</summary>
internal sealed class TextTokenPrefix(string prefix, bool ignoreAsciiCase) : TextTest
{
    protected override bool TestTokens(List<string> tokens) => tokens.Exists(token => ignoreAsciiCase
        ? AsciiCase.StartsWith(token, prefix)
        : token.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>A wildcard query on a text field: one token matches the pattern, which is not analyzed.</summary>
internal sealed class TextTokenWildcard(WildcardQueryPattern pattern) : TextTest
{
    protected override bool TestTokens(List<string> tokens) => tokens.Exists(pattern.IsMatch);
}
