using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Prints an invalid command line's error in the CLI's form, with the line that points to the command's help.</summary>
internal static class UsageError
{
    /// <summary>
    /// Writes <c>vigil COMMAND: MESSAGE</c> and the help line on stderr, and returns <see cref="ExitCodes.Usage"/>.
    /// <paramref name="command"/> is the command path after <c>vigil</c>, such as <c>rules show</c>.
    /// </summary>
    public static int Write(string command, string message)
    {
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil {command}: {message}"));
        Console.Error.WriteLine(HelpLine($"vigil {command}"));
        return ExitCodes.Usage;
    }

    /// <summary>Returns the line that follows every usage error, for a command path such as <c>vigil rules show</c>.</summary>
    public static string HelpLine(string commandPath) => $"Run '{commandPath} --help' for usage.";
}
