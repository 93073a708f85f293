using Vigil.Output;
using Vigil.Serve;

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

    /// <summary>A registered rule that cannot run, such as one with an invalid query: its file needs fixing, not the command line.</summary>
    public static int CannotRun(string command, RuleStatus status)
    {
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil {command}: rule {status.RuleId} cannot run: {status.NotRunnableReason}. Fix its file; the next store command registers it again."));
        return StoreExitCodes.CannotRun;
    }
}
