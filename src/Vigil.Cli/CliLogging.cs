using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Vigil.Cli;

/// <summary>Creates the CLI's loggers: single-line messages on stderr, so stdout carries only results.</summary>
internal static class CliLogging
{
    public static ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = false;
        })
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
}
