using System.Text;

namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// The pattern of an Elasticsearch <c>wildcard</c> query, parsed as Lucene's <c>WildcardQuery</c>
/// and Elasticsearch's <c>AutomatonQueries</c> parse it: <c>*</c> matches any run of characters,
/// <c>?</c> matches one code point, and <c>\</c> makes the next code point literal (a trailing
/// <c>\</c> is itself literal). With <c>case_insensitive</c>, an unescaped ASCII letter matches
/// either case, and an escaped one only itself.
/// </summary>
/// <remarks>
/// A pattern whose only operator is <c>*</c> runs on <see cref="WildcardMatcher"/>, in time linear
/// in the value plus the pattern. A pattern with <c>?</c>, or with an escaped letter that must keep
/// its case, runs on <see cref="WildcardAutomaton"/>, in time linear in the value for a given pattern.
/// Neither backtracks.
/// </remarks>
internal sealed class WildcardQueryPattern
{
    private readonly WildcardMatcher? _segments;
    private readonly WildcardAutomaton? _automaton;
    private readonly bool _lowerValues;

    private WildcardQueryPattern(WildcardMatcher? segments, WildcardAutomaton? automaton, bool lowerValues)
    {
        _segments = segments;
        _automaton = automaton;
        _lowerValues = lowerValues;
    }

    /// <summary>Parses <paramref name="pattern"/>, the query's <c>value</c>.</summary>
    public static WildcardQueryPattern Parse(string pattern, bool caseInsensitive)
    {
        ArgumentNullException.ThrowIfNull(pattern);

        var tokens = Tokenize(pattern, caseInsensitive);
        var needsAutomaton = tokens.Exists(token =>
            token.Kind == WildcardTokenKind.AnyCodePoint
            || (caseInsensitive && !token.IgnoreAsciiCase && token.Kind == WildcardTokenKind.Literal && IsAsciiLetter(token.CodePoint)));
        return needsAutomaton
            ? new WildcardQueryPattern(null, new WildcardAutomaton(tokens), false)
            : new WildcardQueryPattern(new WildcardMatcher(Segments(tokens, caseInsensitive)), null, caseInsensitive);
    }

    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        if (_automaton is not null)
        {
            return _automaton.IsMatch(value);
        }

        return _segments!.IsMatch(_lowerValues ? AsciiCase.ToLower(value) : value);
    }

    private static List<WildcardToken> Tokenize(string pattern, bool caseInsensitive)
    {
        var tokens = new List<WildcardToken>();
        var runes = pattern.EnumerateRunes().Select(rune => rune.Value).ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var codePoint = runes[i];
            switch (codePoint)
            {
                case '*':
                    tokens.Add(new WildcardToken(WildcardTokenKind.AnyRun, 0, false));
                    break;
                case '?':
                    tokens.Add(new WildcardToken(WildcardTokenKind.AnyCodePoint, 0, false));
                    break;
                case '\\' when i + 1 < runes.Count:
                    i++;
                    tokens.Add(new WildcardToken(WildcardTokenKind.Literal, runes[i], false));
                    break;
                default:
                    tokens.Add(new WildcardToken(WildcardTokenKind.Literal, codePoint, caseInsensitive));
                    break;
            }
        }

        return tokens;
    }

    /// <summary>Returns the literal text between the <c>*</c> tokens, lower-cased when the match ignores ASCII case.</summary>
    private static List<string> Segments(List<WildcardToken> tokens, bool lowerCase)
    {
        var segments = new List<string>();
        var segment = new StringBuilder();
        foreach (var token in tokens)
        {
            if (token.Kind == WildcardTokenKind.AnyRun)
            {
                segments.Add(segment.ToString());
                segment.Clear();
                continue;
            }

            if (lowerCase && IsAsciiLetter(token.CodePoint))
            {
                segment.Append(AsciiCase.ToLower((char)token.CodePoint));
            }
            else
            {
                segment.Append(new Rune(token.CodePoint).ToString());
            }
        }

        segments.Add(segment.ToString());
        return segments;
    }

    private static bool IsAsciiLetter(int codePoint) => codePoint < 128 && char.IsAsciiLetter((char)codePoint);
}
