using System.CommandLine;

namespace Vigil.Cli;

/// <summary>
/// Words the tokens that no option or argument takes, as hunt words an unknown option, in place of
/// System.CommandLine's "Unrecognized command or argument".
/// </summary>
internal static class UnmatchedTokens
{
    /// <summary>Turns the parser's own error off for <paramref name="command"/> and its subcommands, so that <see cref="Errors"/> reports them.</summary>
    public static void ReportOurselves(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var subcommand in command.Subcommands)
        {
            ReportOurselves(subcommand);
        }
    }

    /// <summary>
    /// Returns one error per token that the command line has left over. Under a command that has
    /// subcommands, the first argument is an unknown command, and the arguments after it, which
    /// were meant for that command, get no error of their own.
    /// </summary>
    public static IEnumerable<string> Errors(ParseResult parsed)
    {
        var command = parsed.CommandResult;
        var tokens = parsed.UnmatchedTokens;
        var unknownCommand = command.Command.Subcommands.Count > 0 ? tokens.ToList().FindIndex(token => !IsOption(token)) : -1;
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (IsOption(token))
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

    // "-" alone names standard input where a command takes it, so it is an argument, not an option.
    private static bool IsOption(string token) => token.Length > 1 && token.StartsWith('-');
}
