using System.CommandLine;
using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// Holds SIGINT and SIGTERM from the start of the process until the command line is parsed. A
/// command that stops cleanly on a signal takes a held signal over through <see cref="ShutdownSignals"/>,
/// so a signal in its first fraction of a second stops it as one later does. Any other command
/// gets the default outcome of a held signal as soon as the parse ends.
/// </summary>
internal static class EarlySignals
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Command> Deferring = [];
    private static PosixSignalRegistration[] _registrations = [];
    private static PosixSignal? _pendingSignal;

    /// <summary>Starts holding the signals. Called first in the program.</summary>
    public static void Install()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Hold),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Hold),
        ];
    }

    /// <summary>Marks <paramref name="command"/> as one whose action creates <see cref="ShutdownSignals"/> before its slow start-up work.</summary>
    public static T Defer<T>(T command)
        where T : Command
    {
        Deferring.Add(command);
        return command;
    }

    /// <summary>Whether the held signals stay held for <paramref name="command"/>'s action to take over.</summary>
    public static bool DefersFor(Command command) => Deferring.Contains(command);

    /// <summary>
    /// Stops holding the signals, so the runtime's default handling applies again. When a signal was
    /// held, ends the process with the exit code a shell reports for a process that signal ended:
    /// 128 plus the signal number, so 130 for SIGINT and 143 for SIGTERM.
    /// </summary>
    public static void Release()
    {
        if (TakeOver() is { } signal)
        {
            Environment.Exit(128 + (signal == PosixSignal.SIGINT ? 2 : 15));
        }
    }

    /// <summary>Stops holding the signals and returns the one held, if any. Called once <see cref="ShutdownSignals"/> handles them.</summary>
    public static PosixSignal? TakeOver()
    {
        lock (Gate)
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }

            _registrations = [];
            return _pendingSignal;
        }
    }

    private static void Hold(PosixSignalContext context)
    {
        // Cancel = true keeps the process alive until the command decides what the signal does.
        context.Cancel = true;
        lock (Gate)
        {
            _pendingSignal ??= context.Signal;
        }
    }
}
