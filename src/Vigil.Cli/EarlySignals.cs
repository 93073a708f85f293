using System.CommandLine;
using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// Receives SIGINT and SIGTERM for the whole run of the process. Until the command line is parsed,
/// it keeps the first signal pending. A command that stops cleanly on a signal takes the held signal over
/// through <see cref="ShutdownSignals"/>, which then gets every later signal from here, so a signal
/// in its first fraction of a second stops it as one later does. Any other command gets the default
/// outcome of a held signal as soon as the parse ends.
/// </summary>
/// <remarks>
/// The runtime copies the list of handlers when a signal arrives and runs them later on a thread of
/// its own, so a handler can run after its registration was disposed. That is why the process keeps
/// one registration per signal, never disposed while a command handles signals, and why
/// <see cref="Hold"/>, <see cref="TakeOver"/> and <see cref="Release"/> all run under
/// <see cref="Gate"/>. Each signal is then seen once, and either before the hand-over, which then
/// passes it on as held, or after it, when it goes to the command's receiver.
/// </remarks>
internal static class EarlySignals
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Command> Deferring = [];
    private static PosixSignalRegistration[] _registrations = [];
    private static PosixSignal? _pendingSignal;
    private static Func<PosixSignal, bool>? _receiver;
    private static bool _released;

    /// <summary>Starts holding the signals. Called first in the program.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            _registrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, Hold),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Hold),
            ];
        }
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
    /// Stops receiving the signals, so the runtime's default handling applies again. Called when the
    /// parse ends for a command that does not defer, and when <see cref="ShutdownSignals"/> is disposed.
    /// When a signal was held and not taken over, ends the process with the exit code a shell reports for a process that signal ended:
    /// 128 plus the signal number, so 130 for SIGINT and 143 for SIGTERM.
    /// </summary>
    public static void Release()
    {
        PosixSignal? held;
        lock (Gate)
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }

            _registrations = [];
            _receiver = null;
            _released = true;
            held = _pendingSignal;
        }

        if (held is { } signal)
        {
            Environment.Exit(128 + (signal == PosixSignal.SIGINT ? 2 : 15));
        }
    }

    /// <summary>
    /// Passes the held signal, if any, and then every later signal to <paramref name="receiver"/>,
    /// until <see cref="Release"/>. The receiver returns true to keep the process alive, or false
    /// for the runtime's default handling of that signal, which ends the process. It runs under a
    /// lock, one signal at a time, so it must not block.
    /// </summary>
    public static void TakeOver(Func<PosixSignal, bool> receiver)
    {
        lock (Gate)
        {
            if (_registrations.Length == 0)
            {
                // Not installed, or released by an earlier command in this process: receive the signals from now on.
                _released = false;
                _registrations =
                [
                    PosixSignalRegistration.Create(PosixSignal.SIGINT, Hold),
                    PosixSignalRegistration.Create(PosixSignal.SIGTERM, Hold),
                ];
            }

            _receiver = receiver;
            if (_pendingSignal is { } held)
            {
                // The receiver gets the held signal first, so it keeps the process alive. The signal is
                // cleared, so that the Release at the end of the command does not exit with it.
                _pendingSignal = null;
                receiver(held);
            }
        }
    }

    private static void Hold(PosixSignalContext context)
    {
        lock (Gate)
        {
            if (_receiver is { } receiver)
            {
                context.Cancel = receiver(context.Signal);
                return;
            }

            // After Release, and for a second signal before the hand-over, Cancel stays false, so the
            // default handling ends the process as it would without this holder.
            if (_released || _pendingSignal is not null)
            {
                return;
            }

            // Cancel = true keeps the process alive until the command decides what the signal does.
            context.Cancel = true;
            _pendingSignal = context.Signal;
        }
    }
}
