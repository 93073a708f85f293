using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>The log messages of <c>vigil convert</c>, compiled once by the logging source generator.</summary>
internal static partial class ConvertLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "{File}: {Location}: mapped in part, written with event.kind pipeline_error: {Reason}")]
    public static partial void MappingFailed(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "--bulk: {Error}. Give a valid index or data stream name, for example --bulk=" + ConvertArguments.DefaultIndex + ".")]
    public static partial void InvalidIndex(ILogger logger, string error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "--bulk {Index}: that is an input path, not an index name. Put --bulk after the paths, or write --bulk=INDEX.")]
    public static partial void IndexIsPath(ILogger logger, string index);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Output file {Path} could not be created: {Reason}. Check that its folder exists and is writable.")]
    public static partial void OutputNotCreated(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Writing the documents failed: {Reason}. The output is incomplete.")]
    public static partial void WriteFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "{Error}")]
    public static partial void OutputIsInput(ILogger logger, string error);
}
