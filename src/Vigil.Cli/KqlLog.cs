using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>The log messages of <c>vigil kql</c>, compiled once by the logging source generator.</summary>
internal static partial class KqlLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Option} {Path}: {Reason}")]
    public static partial void FileInvalid(ILogger logger, string option, string path, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Option} '{Value}' {Reason}")]
    public static partial void OptionInvalid(ILogger logger, string option, string value, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Reason}")]
    public static partial void QueryUnavailable(ILogger logger, string reason);
}
