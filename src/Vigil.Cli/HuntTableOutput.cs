using Spectre.Console;
using Vigil.Hunt;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>
/// Writes a hunt's alert table to standard output once the hunt has read everything, and turns a
/// write that did not finish into the hunt's exit code.
/// </summary>
/// <remarks>
/// Into a pipe or a file the table goes to descriptor 1 with write(2), as the NDJSON alerts do, and
/// not through <see cref="Console.Out"/>. .NET's console stream ignores a closed pipe on Unix, and it
/// writes under a lock on <see cref="Console.Out"/> that every console write takes, standard error's
/// too (<c>ConsolePal.Unix.WriteFromConsoleStream</c> in dotnet/runtime). Through it, a line waiting
/// on a full pipe would keep a signal from being logged or taken until the reader went away, so a
/// second signal would not end the hunt. On a terminal the table goes through the console.
/// </remarks>
internal static class HuntTableOutput
{
    /// <summary>The error of a table hunt that a signal stopped before its table was written.</summary>
    public const string InterruptedBeforeTable =
        "vigil hunt: interrupted before the table was written; run the hunt again, or use --format ndjson to keep the alerts found before a stop.";

    private const string InterruptedInTable =
        "vigil hunt: interrupted while the alert table was written, so the table is cut short; run the hunt again, or use --format ndjson to keep the alerts found before a stop.";

    /// <summary>
    /// Writes the table of <paramref name="alerts"/>, and returns null once it is written. Returns
    /// 130 when a signal came before the table was written in full, even when the reader closed the
    /// pipe after the signal, 0 when the reader closed it with no signal, as <c>| head</c> does, and
    /// 3 when the output failed.
    /// </summary>
    public static int? Write(AlertTable alerts, HuntSummary summary, ShutdownSignals signals)
    {
        // A signal between the end of the hunt and the table stops the hunt as one during it does.
        if (signals.Received)
        {
            Console.Error.WriteLine(InterruptedBeforeTable);
            return ExitCodes.Interrupted;
        }

        try
        {
            HuntReport.WriteAlerts(Console.IsOutputRedirected ? DirectConsole() : CliConsoles.StandardOutput(), alerts, summary, signals.Token);
            return null;
        }
        catch (Exception ex) when (signals.Received && (ex is OperationCanceledException || ClosedPipe.Caused(ex)))
        {
            Console.Error.WriteLine(InterruptedInTable);
            return ExitCodes.Interrupted;
        }
        catch (IOException ex) when (ClosedPipe.Caused(ex))
        {
            return ExitCodes.Success;
        }
        catch (IOException ex)
        {
            var reason = ex is StandardOutputException ? ex.InnerException!.Message : ex.Message;
            Console.Error.WriteLine(TerminalText.Sanitize(HuntOutputFailure.Message(null, reason, huntFinished: true)));
            return ExitCodes.OutputFailed;
        }
    }

    // The writer is left undisposed, because disposing it would write to the failed output again.
    private static IAnsiConsole DirectConsole() =>
        CliConsoles.Redirected(new StreamWriter(ClosedPipe.StandardOutput()) { AutoFlush = true });
}
