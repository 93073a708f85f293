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

    /// <summary>Returns one error per token that the command line has left over.</summary>
    public static IEnumerable<string> Errors(ParseResult parsed)
    {
        var root = parsed.CommandResult.Parent is null;
        return parsed.UnmatchedTokens.Select(token => Error(token, root));
    }

    // "-" alone names standard input where a command takes it, so it is an argument, not an option.
    private static string Error(string token, bool root) =>
        token.Length > 1 && token.StartsWith('-') ? $"unknown option {token}."
        : root ? $"unknown command '{token}'. Give one of the commands that 'vigil --help' lists."
        : $"unexpected argument '{token}'.";
}
