using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Prints the usage errors of the store commands in the CLI's usual form.</summary>
internal static class StoreCommandErrors
{
    public static int Usage(string command, string message)
    {
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil {command}: {message}"));
        Console.Error.WriteLine($"Run 'vigil {command} --help' for usage.");
        return ExitCodes.Usage;
    }

    public static int NotFound(string command, string message)
    {
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil {command}: {message}"));
        return StoreExitCodes.NotFound;
    }
}
