using System.CommandLine;
using System.CommandLine.Parsing;

namespace Vigil.Cli;

/// <summary>
/// The <c>--</c> that ends the options on a command line: every token after it is an argument,
/// such as a file named <c>--format</c>, even when it looks like an option.
/// </summary>
internal static class EndOfOptions
{
    /// <summary>
    /// Returns the index of the first value of <paramref name="argument"/> given after <c>--</c>, or
    /// <see cref="int.MaxValue"/> without one. The argument must take every token after <c>--</c>, as
    /// the single path argument of hunt, convert and ingest, which takes any number of values, does.
    /// </summary>
    public static int FirstValueAfter(ParseResult parsed, Argument argument)
    {
        var tokens = parsed.Tokens;
        var end = -1;
        for (var index = 0; index < tokens.Count; index++)
        {
            if (tokens[index].Type == TokenType.DoubleDash)
            {
                end = index;
                break;
            }
        }

        if (end < 0)
        {
            return int.MaxValue;
        }

        var values = parsed.GetResult(argument)?.Tokens.Count ?? 0;
        var after = tokens.Count - end - 1;
        return Math.Max(0, values - after);
    }
}
