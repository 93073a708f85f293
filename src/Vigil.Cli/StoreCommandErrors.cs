using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>Prints the usage errors of the store commands in the CLI's usual form.</summary>
internal static class StoreCommandErrors
{
    public static int Usage(string command, string message) => UsageError.Write(command, message);

    /// <summary>
    /// Prints <paramref name="problem"/>, why this user cannot write the store, as a store command
    /// prints it when the store opens, with the same exit code. A command calls it when a permission
    /// was removed after that check, so that a write fails while the command runs.
    /// </summary>
    public static int StoreNotWritable(string command, string problem) => Usage(command, $"--data: {problem}");

    public static int NotFound(string command, string message)
    {
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil {command}: {message}"));
        return StoreExitCodes.NotFound;
    }

    /// <summary>Prints why no rule was found or registered, with the usage hint only for an invalid command line.</summary>
    public static int Lookup(string command, RuleLookupError error) =>
        error.ExitCode == ExitCodes.Usage ? Usage(command, error.Message) : NotFound(command, error.Message);

    /// <summary>
    /// A registered rule that cannot run: one whose query is invalid needs its file fixed, and one of
    /// a type or language Vigil does not run (EQL, ES|QL, threshold) is valid but never runs here.
    /// </summary>
    public static int CannotRun(string command, RuleStatus status)
    {
        var reason = status.NotRunnableReason ?? "";
        var next = reason.Contains(ScheduledRule.NotSupported, StringComparison.Ordinal)
            ? "Its file is valid, so there is nothing in it to fix."
            : "Fix its file; the next store command registers it again.";
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil {command}: rule {status.RuleId} cannot run: {reason}. {next}"));
        return StoreExitCodes.CannotRun;
    }

    /// <summary>
    /// Prints why a registered rule has no query to run: its file is gone, does not load, or no
    /// longer contains the rule. The warnings printed before it name a file's load errors.
    /// </summary>
    public static int FileNotLoaded(string command, RuleStatus status)
    {
        var file = status.SourceFile ?? "";
        var reason = File.Exists(file)
            ? $"its file {file} does not load or no longer contains the rule (see the warnings above). Fix the file, or register the rule from the file that contains it now with 'vigil rules enable FILE'."
            : $"its file {file} is not found. Put the file back, or register the rule from where it is now with 'vigil rules enable FILE'.";
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil {command}: rule {status.RuleId} is registered but cannot run: {reason}"));
        return StoreExitCodes.CannotRun;
    }
}
