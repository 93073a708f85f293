using Microsoft.Extensions.Logging;
using Vigil.Hunt;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Logs each bad record or file with its location, up to a limit; the summary counts them all.</summary>
internal sealed class ConsoleHuntListener(ILogger logger) : IHuntListener
{
    /// <summary>Errors logged one by one before the rest are only counted, so a corrupt dump cannot flood the terminal.</summary>
    public const int MaxLoggedErrors = 50;

    private int _errors;

    public void RecordFailed(ReadItem failure)
    {
        _errors++;
        if (_errors <= MaxLoggedErrors)
        {
            CliLog.RecordFailed(
                logger,
                TerminalText.Sanitize(failure.File),
                failure.Location,
                TerminalText.Sanitize(failure.Reason ?? "unreadable record"));
        }
        else if (_errors == MaxLoggedErrors + 1)
        {
            CliLog.TooManyErrors(logger, MaxLoggedErrors);
        }
    }
}
