using Microsoft.Extensions.Logging;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Logs each bad record or file with its location, up to a limit. The summary counts them all.</summary>
internal sealed class ConsoleHuntListener(ILogger logger, NotCloudTrailFiles notCloudTrail) : IHuntListener
{
    /// <summary>Problems logged one by one before the rest are only counted, so a corrupt dump cannot flood the terminal.</summary>
    public const int MaxLoggedProblems = 50;

    private int _problems;

    /// <summary>Logs a rule's warning; the hunt reports each rule once, so these are not counted as problems.</summary>
    public void RuleWarning(DetectionRule rule, string warning) =>
        CliLog.RuleWarning(logger, TerminalText.Sanitize(rule.Name), TerminalText.Sanitize(rule.SourcePath ?? "built-in"), TerminalText.Sanitize(warning));

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

    public void SkippedNotCloudTrail(ReadItem skip) => notCloudTrail.Add(skip);

    public void EventsLackCloudTrailFields(string path, long lacking, long events)
    {
        if (ShouldLog())
        {
            CliLog.EventsLackCloudTrailFields(logger, TerminalText.Sanitize(path), lacking, events);
        }
    }

    public void MappingFailed(ReadItem record)
    {
        if (ShouldLog())
        {
            CliLog.MappingFailed(logger, TerminalText.Sanitize(record.File), record.Location, Reason(record));
        }
    }

    private bool ShouldLog()
    {
        _problems++;
        if (_problems == MaxLoggedProblems + 1)
        {
            CliLog.TooManyErrors(logger, MaxLoggedProblems);
        }

        return _problems <= MaxLoggedProblems;
    }

    private static string Reason(ReadItem item) => TerminalText.Sanitize(item.Reason ?? "unreadable record");
}
