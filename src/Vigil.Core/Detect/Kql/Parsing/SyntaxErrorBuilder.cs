using System.Globalization;

namespace Vigil.Detect.Kql.Parsing;

/// <summary>Turns the farthest parse failure into a positioned <see cref="KqlSyntaxError"/>.</summary>
internal static class SyntaxErrorBuilder
{
    private const string KeywordHint =
        "`and`, `or` and `not` followed by whitespace are operators even inside an unquoted value; quote the value, "
        + "or escape the word as \\and, \\or or \\u006eot (\\not is a line feed followed by `ot`)";

    private const string SpecialCharacterHint =
        "escape \\ ( ) : < > \" * { } with a backslash inside an unquoted value, or quote the value";

    private const string UnclosedQuoteHint =
        "the quoted value that starts here has no closing `\"`; add one, and write a `\"` inside the value as `\\\"`";

    public static KqlSyntaxError Build(string text, SyntaxFailures failures)
    {
        var position = failures.Position;
        var (line, column) = LineAndColumn(text, position);
        var found = position < text.Length ? text[position].ToString() : null;
        var expected = failures.Expected();

        var message = $"unexpected {Describe(found)}, expected {DescribeExpected(expected)}";
        if (Hint(text, position, expected) is { } hint)
        {
            message += $" ({hint})";
        }

        return new KqlSyntaxError(position, line, column, message, found, expected);
    }

    /// <summary>The error for a bracket at <paramref name="position"/> that nests deeper than <paramref name="limit"/>.</summary>
    public static KqlSyntaxError TooDeep(string text, int position, int limit)
    {
        var (line, column) = LineAndColumn(text, position);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"query nested too deeply (more than {limit} levels); flatten the brackets or split the query");
        return new KqlSyntaxError(position, line, column, message, text[position].ToString(), []);
    }

    /// <summary>Counts lines on LF, as PEG.js does; columns count UTF-16 code units.</summary>
    private static (int Line, int Column) LineAndColumn(string text, int position)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }

    private static string Describe(string? found) => found switch
    {
        null => "end of input",
        "\n" => "line feed",
        "\r" => "carriage return",
        "\t" => "tab",
        _ when found[0] < ' ' => $"control character U+{(int)found[0]:X4}",
        _ => $"`{found}`",
    };

    private static string DescribeExpected(IReadOnlyList<string> expected)
    {
        var names = expected.Select(DescribeExpectation).Distinct(StringComparer.Ordinal).ToList();
        return names.Count switch
        {
            0 => "nothing",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }

    private static string DescribeExpectation(string expectation) => expectation switch
    {
        "fieldName" => "field name",
        "literal" => "value",
        _ when expectation.StartsWith('"') => string.Create(
            CultureInfo.InvariantCulture,
            $"`{expectation[1..^1]}`"),
        _ => expectation,
    };

    private static string? Hint(string text, int position, IReadOnlyList<string> expected)
    {
        if (position >= text.Length)
        {
            return null;
        }

        if (StartsKeyword(text, position))
        {
            return KeywordHint;
        }

        if (text[position] == '"' && !HasClosingQuote(text, position + 1))
        {
            return UnclosedQuoteHint;
        }

        var afterValue = expected.Contains("AND");
        return afterValue && "\\():<>\"*{}".Contains(text[position], StringComparison.Ordinal)
            ? SpecialCharacterHint
            : null;
    }

    /// <summary>Whether an unescaped <c>"</c> follows <paramref name="start"/>, which a quoted value needs to end.</summary>
    private static bool HasClosingQuote(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsKeyword(string text, int position)
    {
        foreach (var word in (ReadOnlySpan<string>)["not", "and", "or"])
        {
            var end = position + word.Length;
            if (end < text.Length
                && string.Compare(text, position, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                && KqlWhitespace.IsSpace(text[end]))
            {
                return true;
            }
        }

        return false;
    }
}
