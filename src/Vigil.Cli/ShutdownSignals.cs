using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancellation, so a long-running command stops
/// after its current step instead of being ended by the runtime's default handler. A second signal
/// of either kind gets the default handling, which ends the process at once, because a command
/// blocked on a pipe or a FIFO does not check the cancellation until the read or write returns.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private volatile bool _received;

    public ShutdownSignals(ILogger logger)
    {
        _logger = logger;

        // Takes over a signal held since the start of the process, and receives every later one.
        EarlySignals.TakeOver(Receive);
    }

    /// <summary>Cancelled at the first signal, once its log line is written.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>
    /// Whether a signal was received, set before its log line is written and <see cref="Token"/> is
    /// cancelled. A command that finds its output pipe closed reads this, because a reader that acts
    /// on the log line, such as by closing the pipe, may do so before the cancellation.
    /// </summary>
    public bool Received => _received;

    public void Dispose()
    {
        EarlySignals.Release();
        _stop.Dispose();
    }

    /// <summary>
    /// Cancels <see cref="Token"/> at the first signal and returns true, which keeps the process
    /// alive. Returns false at a later one, for the default handling. Called one signal at a time.
    /// </summary>
    private bool Receive(PosixSignal signal)
    {
        if (_received)
        {
            return false;
        }

        // Logged before the cancellation, so that the line comes before every line of the stop.
        _received = true;
        var name = signal.ToString();
        ServeLog.Stopping(_logger, name);
        _stop.Cancel();
        return true;
    }
}
