using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>The log messages of <c>vigil convert</c>, compiled once by the logging source generator.</summary>
internal static partial class ConvertLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{File}: {Location}: mapped in part, written with event.kind pipeline_error: {Reason}")]
    public static partial void MappingFailed(ILogger logger, string file, string location, string reason);
}
