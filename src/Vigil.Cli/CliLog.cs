using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>The CLI's log messages, compiled once by the logging source generator.</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{File}: {Location}: {Reason}")]
    public static partial void RecordFailed(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{File}: {Location}: mapped in part, hunted with event.kind pipeline_error: {Reason}")]
    public static partial void MappingFailed(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "More than {Limit} problems: further errors and mapping warnings are counted in the summary but not shown.")]
    public static partial void TooManyErrors(ILogger logger, int limit);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{File}: {Lacking} of {Events} events have neither eventName nor eventTime, so they are probably not CloudTrail records; check that the path holds CloudTrail logs.")]
    public static partial void EventsLackCloudTrailFields(ILogger logger, string file, long lacking, long events);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "{File}: {Location}: skipped as {Reason}; check that the path holds CloudTrail logs.")]
    public static partial void SkippedNotCloudTrail(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "{Count} more files were skipped as not CloudTrail JSON and are not named; the summary counts their records.")]
    public static partial void MoreSkippedNotCloudTrail(ILogger logger, int count);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "{Folder}: {Reason}")]
    public static partial void FolderNotListed(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Rule folder not listed: {Error}")]
    public static partial void RuleFolderNotListed(ILogger logger, string error);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Rule file skipped: {File}: {Reason}")]
    public static partial void RuleFileSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Rule not loaded: {Error}")]
    public static partial void RuleNotLoaded(ILogger logger, string error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Rule {Name} ({File}): {Warning}")]
    public static partial void RuleWarning(ILogger logger, string name, string file, string warning);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "rule_id {RuleId} is used by {Count} rules with the same revision ({Files}); all of them run, and their alerts share kibana.alert.rule.uuid. Kibana keeps one rule per rule_id: give each copy its own rule_id, or remove the copies.")]
    public static partial void DuplicateRuleId(ILogger logger, string ruleId, int count, string files);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Rule revision skipped: {File}: {Reason}. Kibana keeps one rule per rule_id; {Fix} to stop this warning.")]
    public static partial void RuleRevisionSkipped(ILogger logger, string file, string reason, string fix);
}
