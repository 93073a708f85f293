using System.Globalization;

namespace Vigil.Detect.Kql.Matching;

/// <summary>
/// An approximation of Elasticsearch's <c>standard</c> analyzer (Unicode word segmentation, UAX #29,
/// then lower-casing): letters, digits and connector punctuation form words; <c>. ' ’</c> join letters
/// or digits on both sides, <c>:</c> joins letters, and <c>, ;</c> join digits; ideographs and kana are
/// single-character tokens; tokens longer than 255 characters are split.
/// </summary>
internal static class TextAnalyzer
{
    private const int MaxTokenLength = 255;

    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsSingleCharacterToken(text[i]))
            {
                Flush(text, ref start, i, tokens);
                tokens.Add(text[i].ToString().ToLowerInvariant());
            }
            else if (IsWordCharacter(text[i]) || (start >= 0 && JoinsWord(text, i)))
            {
                start = start < 0 ? i : start;
            }
            else
            {
                Flush(text, ref start, i, tokens);
            }
        }

        Flush(text, ref start, text.Length, tokens);
        return tokens;
    }

    private static void Flush(string text, ref int start, int end, List<string> tokens)
    {
        if (start < 0)
        {
            return;
        }

        var word = text[start..end].ToLowerInvariant();
        for (var offset = 0; offset < word.Length; offset += MaxTokenLength)
        {
            tokens.Add(word.Substring(offset, Math.Min(MaxTokenLength, word.Length - offset)));
        }

        start = -1;
    }

    private static bool IsWordCharacter(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return char.IsLetterOrDigit(c)
            || category is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>True when the punctuation at <paramref name="i"/> sits inside a word (UAX #29 rules WB6–WB12).</summary>
    private static bool JoinsWord(string text, int i)
    {
        if (i == 0 || i + 1 >= text.Length)
        {
            return false;
        }

        var before = text[i - 1];
        var after = text[i + 1];
        var letters = char.IsLetter(before) && char.IsLetter(after);
        var digits = char.IsDigit(before) && char.IsDigit(after);
        return text[i] switch
        {
            '.' or '\'' or '\u2019' => letters || digits,
            ':' => letters,
            ',' or ';' => digits,
            _ => false,
        };
    }

    private static bool IsSingleCharacterToken(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\u3040' && c <= '\u309F');
}
