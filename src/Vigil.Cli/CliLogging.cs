using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Vigil.Cli;

/// <summary>Creates the CLI's loggers: single-line messages on stderr, so stdout carries only results.</summary>
internal static class CliLogging
{
    /// <summary>
    /// Writes out every log line still queued: the console logger writes from a thread of its own,
    /// so a summary printed before this could come out ahead of the warnings it counts.
    /// </summary>
    public static void Flush(ILoggerFactory factory) => factory.Dispose();

    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = false;
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
