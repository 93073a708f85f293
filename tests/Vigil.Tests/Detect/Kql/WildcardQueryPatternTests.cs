using System.Diagnostics;
using CsCheck;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Tests.Detect;

/// <summary>The pattern of an Elasticsearch wildcard query: <c>*</c>, <c>?</c>, <c>\</c> escapes and <c>case_insensitive</c>.</summary>
public class WildcardQueryPatternTests
{
    [Fact]
    public void PatternAgreesWithReference()
    {
        var texts = Gen.Char["aAb"].Array[0, 10].Select(chars => new string(chars));
        var patterns = Gen.Char["aAb*?\\"].Array[0, 7].Select(chars => new string(chars));

        Gen.Select(patterns, texts, Gen.Bool).Sample(
            (pattern, text, caseInsensitive) =>
                WildcardQueryPattern.Parse(pattern, caseInsensitive).IsMatch(text) == ReferenceMatch(pattern, text, caseInsensitive),
            iter: 20_000);
    }

    [Theory]
    [InlineData("Get?bject", "GetObject", true)]
    [InlineData("Get?bject", "Getbject", false)]
    [InlineData("Get*", "Get", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "axb", false)]
    [InlineData("a\\?", "a?", true)]
    [InlineData("a\\?", "ab", false)]
    [InlineData("a\\\\", "a\\", true)]
    [InlineData("trailing\\", "trailing\\", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("*", "", true)]
    public void CaseSensitiveCases(string pattern, string value, bool expected) =>
        Assert.Equal(expected, WildcardQueryPattern.Parse(pattern, caseInsensitive: false).IsMatch(value));

    [Theory]
    [InlineData("*user", "CreateUser", true)]
    [InlineData("CREATE?SER", "CreateUser", true)]
    [InlineData("\\A*", "Abc", true)]
    [InlineData("\\A*", "abc", false)]
    [InlineData("é*", "É", false)]
    [InlineData("stra*", "STRASSE", true)]
    public void CaseInsensitive_AsciiLettersOnly(string pattern, string value, bool expected) =>
        Assert.Equal(expected, WildcardQueryPattern.Parse(pattern, caseInsensitive: true).IsMatch(value));

    [Fact]
    public void QuestionMark_MatchesOneCodePoint()
    {
        const string Emoji = "\U0001F600";

        Assert.True(WildcardQueryPattern.Parse("a?b", false).IsMatch($"a{Emoji}b"));
        Assert.False(WildcardQueryPattern.Parse("a??b", false).IsMatch($"a{Emoji}b"));
        Assert.True(WildcardQueryPattern.Parse($"*{Emoji}", false).IsMatch($"x{Emoji}"));
    }

    [Fact]
    public void LongPattern_SpansSeveralWords()
    {
        var pattern = string.Concat(Enumerable.Repeat("a?", 100)) + "*";
        var value = string.Concat(Enumerable.Repeat("ab", 100)) + "tail";

        Assert.True(WildcardQueryPattern.Parse(pattern, false).IsMatch(value));
        Assert.False(WildcardQueryPattern.Parse(pattern, false).IsMatch(value[1..]));
    }

    [Fact]
    public void PathologicalPattern_LinearTime()
    {
        // A backtracking matcher takes time exponential in the number of stars here.
        var pattern = WildcardQueryPattern.Parse("*a?*a?*a?*a?*a?*a?*a?*b", false);
        var value = new string('a', 200_000);

        var stopwatch = Stopwatch.StartNew();
        var missed = pattern.IsMatch(value);
        var found = pattern.IsMatch(value + "b");

        Assert.False(missed);
        Assert.True(found);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    /// <summary>Matches by dynamic programming over the tokens and the characters, as a slow reference.</summary>
    private static bool ReferenceMatch(string pattern, string text, bool caseInsensitive)
    {
        var tokens = new List<(char Kind, char Char, bool Fold)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                tokens.Add(('l', pattern[++i], false));
            }
            else
            {
                tokens.Add((pattern[i] is '*' or '?' ? pattern[i] : 'l', pattern[i], caseInsensitive));
            }
        }

        // matched[j] is true when the first j tokens can match the text read so far.
        var matched = new bool[tokens.Count + 1];
        matched[0] = true;
        for (var j = 0; j < tokens.Count && tokens[j].Kind == '*'; j++)
        {
            matched[j + 1] = true;
        }

        foreach (var c in text)
        {
            var next = new bool[tokens.Count + 1];
            for (var j = 0; j < tokens.Count; j++)
            {
                var token = tokens[j];
                next[j + 1] |= token.Kind switch
                {
                    '*' => matched[j + 1] || next[j],
                    '?' => matched[j],
                    _ => matched[j] && (token.Char == c || (token.Fold && char.ToLowerInvariant(token.Char) == char.ToLowerInvariant(c))),
                };
            }

            matched = next;
        }

        return matched[tokens.Count];
    }
}
