using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>
/// Names each file of a watched folder that <c>vigil serve</c> skipped as not CloudTrail JSON, such
/// as a web access log, as <see cref="NotCloudTrailFiles"/> names them for a hunt, conversion or ingest.
/// </summary>
/// <remarks>
/// Serve has no end of run at which to count the files left unnamed, so it names every such file,
/// once: a log file in a watched folder, such as serve's own redirected stderr, grows all the time.
/// </remarks>
internal sealed class WatchedNotCloudTrailFiles(ILogger logger)
{
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);

    /// <summary>Names the file of <paramref name="skip"/> when the skip is one of data that is not CloudTrail JSON.</summary>
    public void Add(ReadItem skip)
    {
        // A file of base64 payloads may give a skip per payload.
        if (skip.Reason != NotCloudTrail.Reason || !_named.Add(skip.File))
        {
            return;
        }

        ServeLog.SkippedNotCloudTrail(logger, TerminalText.Sanitize(skip.File), TerminalText.Sanitize(skip.Location), NotCloudTrail.Reason);
    }
}
