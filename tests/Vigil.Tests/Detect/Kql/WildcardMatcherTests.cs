using CsCheck;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Tests.Detect;

public class WildcardMatcherTests
{
    [Fact]
    public void MatcherAgreesWithReference()
    {
        var texts = Gen.Char["ab"].Array[0, 14].Select(chars => new string(chars));
        var patterns = Gen.Char["ab*"].Array[0, 8].Select(chars => new string(chars));

        Gen.Select(patterns, texts).Sample(
            (pattern, text) => new WildcardMatcher(pattern.Split('*')).IsMatch(text) == ReferenceMatch(pattern, text),
            iter: 20_000);
    }

    [Fact]
    public void PathologicalPatternOnLongValue()
    {
        var matcher = new WildcardMatcher("*a*a*a*a*a*b".Split('*'));
        var value = new string('a', 100_000);

        Assert.False(matcher.IsMatch(value));
        Assert.True(matcher.IsMatch(value + "b"));
    }

    [Fact]
    public void RepetitiveSegmentOnLongValue()
    {
        var matcher = new WildcardMatcher(["", new string('a', 1000) + "b", ""]);
        var value = new string('a', 100_000);

        Assert.False(matcher.IsMatch(value));
        Assert.True(matcher.IsMatch(value + "b"));
    }

    [Fact]
    public void StarMatchesLineFeed()
    {
        var matcher = new WildcardMatcher(["a", "b"]);

        Assert.True(matcher.IsMatch("a\nb"));
    }

    [Fact]
    public void LiteralStarInSegmentIsNotWildcard()
    {
        var matcher = new WildcardMatcher(["Get*Obj", ""]);

        Assert.True(matcher.IsMatch("Get*Object"));
        Assert.False(matcher.IsMatch("GetXObject"));
    }

    [Fact]
    public void LowerCasedPatternForTextTokens()
    {
        var matcher = new WildcardMatcher(["Err", ""], lowerCase: true);

        Assert.True(matcher.IsMatch("errors"));
    }

    /// <summary>Dynamic programming over (pattern index, text index): quadratic, but obviously right.</summary>
    private static bool ReferenceMatch(string pattern, string text)
    {
        var reachable = new bool[pattern.Length + 1, text.Length + 1];
        reachable[0, 0] = true;
        for (var p = 1; p <= pattern.Length; p++)
        {
            for (var t = 0; t <= text.Length; t++)
            {
                reachable[p, t] = pattern[p - 1] == '*'
                    ? reachable[p - 1, t] || (t > 0 && reachable[p, t - 1])
                    : t > 0 && reachable[p - 1, t - 1] && pattern[p - 1] == text[t - 1];
            }
        }

        return reachable[pattern.Length, text.Length];
    }
}
