using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM into a cancellation, so a long-running command stops after its
/// current step instead of being ended by the runtime's default handler.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly ILogger _logger;

    public ShutdownSignals(ILogger logger)
    {
        _logger = logger;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];

        if (EarlySignals.TakeOver() is { } held)
        {
            Stop(held);
        }
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Cancel = true keeps the process alive until the command has finished its current step.
        context.Cancel = true;
        Stop(context.Signal);
    }

    private void Stop(PosixSignal signal)
    {
        if (!_stop.IsCancellationRequested)
        {
            var name = signal.ToString();
            ServeLog.Stopping(_logger, name);
            _stop.Cancel();
        }
    }
}
