using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>The CLI's log messages, compiled once by the logging source generator.</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{File}: {Location}: {Reason}")]
    public static partial void RecordFailed(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{File}: {Location}: mapped in part, hunted with event.kind pipeline_error: {Reason}")]
    public static partial void MappingFailed(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "More than {Limit} errors: further errors are counted in the summary but not shown.")]
    public static partial void TooManyErrors(ILogger logger, int limit);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Input path not found: {Path}. Give a CloudTrail file or a directory of them.")]
    public static partial void InputNotFound(ILogger logger, string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "--from {From:O} is after --to {To:O}. Swap the two times.")]
    public static partial void FromAfterTo(ILogger logger, DateTimeOffset? from, DateTimeOffset? to);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "{Option}: {Error}")]
    public static partial void InvalidOption(ILogger logger, string option, string error);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Rules path not found: {Path}. Give a detection-rules TOML file or a folder of them.")]
    public static partial void RulesNotFound(ILogger logger, string path);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Rule not loaded: {Error}")]
    public static partial void RuleNotLoaded(ILogger logger, string error);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "No rules loaded from {Paths}: expected detection-rules TOML files (*.toml).")]
    public static partial void NoRules(ILogger logger, string paths);
}
