using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>The log messages of <c>vigil kql</c>, compiled once by the logging source generator.</summary>
internal static partial class KqlLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Option} file not found: {Path}. Give the path of an existing JSON file.")]
    public static partial void FileNotFound(ILogger logger, string option, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Option} {Path}: invalid: {Reason}")]
    public static partial void FileInvalid(ILogger logger, string option, string path, string reason);
}
