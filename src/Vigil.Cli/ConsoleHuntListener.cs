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

    public void Error(ReadItem error)
    {
        _errors++;
        if (_errors <= MaxLoggedErrors)
        {
            logger.LogWarning(
                "{File}: {Location}: {Reason}",
                TerminalText.Sanitize(error.File),
                error.Location,
                TerminalText.Sanitize(error.Reason ?? "unreadable record"));
        }
        else if (_errors == MaxLoggedErrors + 1)
        {
            logger.LogWarning("More than {Limit} errors: further errors are counted in the summary but not shown.", MaxLoggedErrors);
        }
    }
}
