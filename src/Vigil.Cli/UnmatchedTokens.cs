using System.CommandLine;
using System.CommandLine.Parsing;

namespace Vigil.Cli;

/// <summary>
/// Words the tokens that no option or argument takes, as hunt words an unknown option, in place of
/// System.CommandLine's "Unrecognized command or argument", which <see cref="ParseErrorText"/> drops.
/// </summary>
/// <remarks>
/// The parser's own errors stay on (<see cref="Command.TreatUnmatchedTokensAsErrors"/>), because
/// turning them off also makes every <c>--help</c> offer "additional arguments" that no command takes.
/// </remarks>
internal static class UnmatchedTokens
{
    /// <summary>
    /// Returns one error per token that the command line has left over. Under a command that has
    /// subcommands, the first argument is an unknown command, and the arguments after it, which
    /// were meant for that command, get no error of their own.
    /// </summary>
    public static IEnumerable<string> Errors(ParseResult parsed)
    {
        var command = parsed.CommandResult;
        var tokens = parsed.UnmatchedTokens;
        var options = OptionLikeTokens(parsed);
        var unknownCommand = command.Command.Subcommands.Count > 0 ? tokens.ToList().FindIndex(token => !options.Contains(token)) : -1;
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (options.Contains(token))
            {
                yield return $"unknown option {token}.";
            }
            else if (unknownCommand < 0)
            {
                yield return $"unexpected argument '{token}'.";
            }
            else if (index == unknownCommand)
            {
                yield return $"unknown command '{token}'. Give one of the commands that '{ParseErrorText.CommandPath(command)} --help' lists.";
            }
        }
    }

    /// <summary>
    /// Returns the tokens before <c>--</c> that look like options. "-" alone names standard input
    /// where a command takes it, so it is an argument, and so is every token after <c>--</c>.
    /// </summary>
    private static HashSet<string> OptionLikeTokens(ParseResult parsed) => parsed.Tokens
        .TakeWhile(token => token.Type != TokenType.DoubleDash)
        .Select(token => token.Value)
        .Where(value => value.Length > 1 && value.StartsWith('-'))
        .ToHashSet(StringComparer.Ordinal);
}
