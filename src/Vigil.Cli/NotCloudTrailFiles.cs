using System.Globalization;
using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>
/// Names the files that a hunt, conversion or ingest skipped as not CloudTrail JSON, such as web access
/// logs, so that reading the wrong folder does not look clean.
/// </summary>
internal sealed class NotCloudTrailFiles(ILogger logger)
{
    /// <summary>
    /// The maximum of files named, one warning each. A bucket dump may hold thousands, so one last
    /// warning counts the rest.
    /// </summary>
    public const int MaxNamed = 20;

    private string? _lastFile;

    /// <summary>Files skipped as not CloudTrail JSON, named or not.</summary>
    public int Count { get; private set; }

    /// <summary>Counts the file of <paramref name="skip"/>, and names it while fewer than <see cref="MaxNamed"/> were.</summary>
    public void Add(ReadItem skip)
    {
        // Files are read one after another, and a file of base64 payloads may give a skip per payload.
        if (skip.File == _lastFile)
        {
            return;
        }

        _lastFile = skip.File;
        Count++;
        if (Count <= MaxNamed)
        {
            CliLog.SkippedNotCloudTrail(logger, TerminalText.Sanitize(skip.File), TerminalText.Sanitize(skip.Location), NotCloudTrail.Reason);
        }
    }

    /// <summary>Logs how many skipped files were not named.</summary>
    public void LogUnnamed()
    {
        if (Count > MaxNamed)
        {
            CliLog.MoreSkippedNotCloudTrail(logger, Count - MaxNamed);
        }
    }

    /// <summary>
    /// Returns the error for a run of <paramref name="command"/> that read no event, when it skipped
    /// files as not CloudTrail JSON, or null. Exit code 1 goes with it, as for a run whose records all failed.
    /// </summary>
    public string? NoEventError(string command, long events)
    {
        if (events > 0 || Count == 0)
        {
            return null;
        }

        var files = Count == 1 ? "1 file was" : string.Create(CultureInfo.InvariantCulture, $"{Count:N0} files were");
        return $"vigil {command}: no CloudTrail event was read, and {files} skipped as not CloudTrail JSON (named in the warnings above). Check that the paths hold CloudTrail logs.";
    }
}
