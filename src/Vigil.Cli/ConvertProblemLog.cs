using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Logs each bad record, file or folder of a conversion with its location, up to a limit. The summary counts them all.</summary>
internal sealed class ConvertProblemLog(ILogger logger, NotCloudTrailFiles notCloudTrail)
{
    private int _problems;

    /// <summary>Logs a folder that could not be listed, with the reason and the fix, as a hunt does.</summary>
    public void FolderNotListed(UnlistedFolder folder)
    {
        if (ShouldLog())
        {
            CliLog.FolderNotListed(logger, TerminalText.Sanitize(folder.Path), TerminalText.Sanitize(folder.Reason));
        }
    }

    public void RecordFailed(ReadItem failure)
    {
        if (ShouldLog())
        {
            CliLog.RecordFailed(logger, TerminalText.Sanitize(failure.File), failure.Location, Reason(failure));
        }
    }

    /// <summary>Names a file skipped as not CloudTrail JSON, within the limit of <see cref="NotCloudTrailFiles"/>.</summary>
    public void Skipped(ReadItem skip)
    {
        if (skip.Reason == NotCloudTrail.Reason)
        {
            notCloudTrail.Add(skip);
        }
    }

    public void MappingFailed(ReadItem record, string error)
    {
        if (ShouldLog())
        {
            ConvertLog.MappingFailed(logger, TerminalText.Sanitize(record.File), record.Location, TerminalText.Sanitize(error));
        }
    }

    /// <summary>Names a file whose events look like something other than CloudTrail; once per file, so never limited.</summary>
    public void EventsLackCloudTrailFields(string file, long lacking, long events) =>
        CliLog.EventsLackCloudTrailFields(logger, TerminalText.Sanitize(file), lacking, events);

    private bool ShouldLog()
    {
        _problems++;
        if (_problems == ConsoleHuntListener.MaxLoggedProblems + 1)
        {
            CliLog.TooManyErrors(logger, ConsoleHuntListener.MaxLoggedProblems);
        }

        return _problems <= ConsoleHuntListener.MaxLoggedProblems;
    }

    private static string Reason(ReadItem item) => TerminalText.Sanitize(item.Reason ?? "unreadable record");
}
