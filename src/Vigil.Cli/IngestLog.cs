using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>Log messages of <c>vigil ingest</c> and the folder watcher.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "{File}: {Location}: {Reason}")]
    public static partial void RecordFailed(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "{File}: {Location}: stored with event.kind pipeline_error, mapped in part: {Reason}")]
    public static partial void MappingFailed(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "{File}: {Lacking} of {Stored} stored events have neither eventName nor eventTime, so they are probably not CloudTrail records; check that the path holds CloudTrail logs.")]
    public static partial void EventsLackCloudTrailFields(ILogger logger, string file, long lacking, long stored);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "{Folder}: {Reason}")]
    public static partial void FolderNotListed(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "{File}: another process is ingesting this file, so its records are left to that process, which stores and counts them")]
    public static partial void FileLeftToOtherProcess(ILogger logger, string file);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "More than {Limit} problems: further errors and mapping warnings are counted in the summary but not shown.")]
    public static partial void TooManyProblems(ILogger logger, int limit);
}
