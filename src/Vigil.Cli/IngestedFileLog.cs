using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Read;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>
/// Logs each file that <c>vigil serve</c> ingested. A file whose new data was all skipped as not
/// CloudTrail JSON is logged the first time only. A log file in a watched folder, such as serve's
/// own redirected stderr, is read again at every change and would otherwise log a line each time.
/// </summary>
internal sealed class IngestedFileLog(ILogger logger)
{
    // Files whose last reads found only data that is not CloudTrail, already logged once.
    private readonly HashSet<string> _notCloudTrail = new(StringComparer.Ordinal);

    /// <summary>Logs the counts of <paramref name="result"/>, unless the file was logged before as not CloudTrail and still is.</summary>
    public void Log(FileIngestResult result)
    {
        if (IsOnlyNotCloudTrail(result))
        {
            if (!_notCloudTrail.Add(result.Path))
            {
                return;
            }
        }
        else
        {
            // A file replaced by CloudTrail records, or that grows by some, is logged again.
            _notCloudTrail.Remove(result.Path);
        }

        var path = TerminalText.Sanitize(result.Path);
        ServeLog.FileIngested(logger, path, result.Records, result.Stored, result.Duplicates, result.Errors, result.Skipped);
        if (result.EventsWithoutCloudTrailFields > 0)
        {
            ServeLog.EventsLackCloudTrailFields(logger, path, result.EventsWithoutCloudTrailFields, result.Stored);
        }
    }

    private static bool IsOnlyNotCloudTrail(FileIngestResult result) =>
        result.Records > 0
        && result.Skipped == result.Records
        && result.SkippedByReason.Keys.All(reason => reason == NotCloudTrail.Reason);
}
