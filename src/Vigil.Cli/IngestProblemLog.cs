using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>
/// Logs each bad record, file or folder of an ingest with its location, up to a limit. The summary
/// counts them all. Files skipped as not CloudTrail JSON are named only when
/// <paramref name="notCloudTrail"/> is given, as <c>vigil ingest</c> gives it.
/// </summary>
internal sealed class IngestProblemLog(ILogger logger, NotCloudTrailFiles? notCloudTrail = null)
{
    /// <summary>Problems logged one by one before the rest are only counted, so a corrupt dump cannot flood the terminal.</summary>
    public const int MaxLoggedProblems = 50;

    private int _problems;

    /// <summary>Logs a file that another process took over. It is not a problem, so the limit on problems does not apply.</summary>
    public void LogFileLeft(string file)
    {
        var name = TerminalText.Sanitize(file);
        IngestLog.FileLeftToOtherProcess(logger, name);
    }

    /// <summary>Logs a folder that could not be listed, with the reason and the fix, as a hunt does.</summary>
    public void LogFolderNotListed(UnlistedFolder folder)
    {
        if (ShouldLog())
        {
            IngestLog.FolderNotListed(logger, TerminalText.Sanitize(folder.Path), TerminalText.Sanitize(folder.Reason));
        }
    }

    /// <summary>Names a file skipped as not CloudTrail JSON, within the limit of <see cref="NotCloudTrailFiles"/>.</summary>
    public void LogSkipped(ReadItem skip)
    {
        if (skip.Reason == NotCloudTrail.Reason)
        {
            notCloudTrail?.Add(skip);
        }
    }

    public void Log(ReadItem item)
    {
        if (!ShouldLog())
        {
            return;
        }

        var file = TerminalText.Sanitize(item.File);
        var reason = TerminalText.Sanitize(item.Reason ?? "unreadable record");
        if (item.Outcome == ReadOutcome.Error)
        {
            IngestLog.RecordFailed(logger, file, item.Location, reason);
        }
        else
        {
            IngestLog.MappingFailed(logger, file, item.Location, reason);
        }
    }

    private bool ShouldLog()
    {
        _problems++;
        if (_problems == MaxLoggedProblems + 1)
        {
            IngestLog.TooManyProblems(logger, MaxLoggedProblems);
        }

        return _problems <= MaxLoggedProblems;
    }
}
