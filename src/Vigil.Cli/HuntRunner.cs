using Microsoft.Extensions.Logging;
using Spectre.Console;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil hunt</c>: checks the arguments, loads rules, runs the hunt and reports.</summary>
internal static class HuntRunner
{
    private const string StandardStream = "-";

    public static int Run(HuntArguments arguments)
    {
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.hunt");
        var stderr = CliConsoles.StandardError();

        if (!TryBuildOptions(arguments, logger, out var options))
        {
            return ExitCodes.Usage;
        }

        var rules = LoadRules(arguments.Rules, logger);
        if (rules is null)
        {
            return ExitCodes.Usage;
        }

        var summary = Hunt(arguments, options, rules, logger, stderr, out var table);

        if (table is not null)
        {
            HuntReport.WriteAlerts(CliConsoles.StandardOutput(), table, summary);
        }

        HuntReport.WriteSummary(stderr, summary);
        return summary.Files == 0 || (summary.Events == 0 && summary.Errors > 0)
            ? ExitCodes.NothingRead
            : ExitCodes.Success;
    }

    private static HuntSummary Hunt(
        HuntArguments arguments,
        HuntOptions options,
        IReadOnlyList<DetectionRule> rules,
        ILogger logger,
        IAnsiConsole stderr,
        out AlertTable? table)
    {
        var sinks = new List<IAlertSink>();
        table = arguments.Format == "table" ? new AlertTable() : null;
        if (table is not null)
        {
            sinks.Add(table);
        }

        var ndjsonTarget = arguments.Output ?? (table is null ? StandardStream : null);
        using var ndjson = ndjsonTarget is null ? null : OpenNdjson(ndjsonTarget);
        if (ndjson is not null)
        {
            sinks.Add(ndjson);
        }

        var engine = new HuntEngine(rules);
        var listener = new ConsoleHuntListener(logger);
        var sink = new AlertFanOut(sinks);

        if (Console.IsErrorRedirected)
        {
            return engine.Run(options, sink, listener);
        }

        return HuntProgress.Run(stderr, options, listener, progress => engine.Run(options, sink, progress));
    }

    private static NdjsonAlertWriter OpenNdjson(string target) => target == StandardStream
        ? new NdjsonAlertWriter(Console.OpenStandardOutput(), ownsStream: true)
        : new NdjsonAlertWriter(File.Create(target), ownsStream: true);

    private static bool TryBuildOptions(HuntArguments arguments, ILogger logger, out HuntOptions options)
    {
        options = new HuntOptions(arguments.Paths);

        foreach (var path in arguments.Paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                CliLog.InputNotFound(logger, TerminalText.Sanitize(path));
                return false;
            }
        }

        var now = DateTimeOffset.UtcNow;
        if (!TryParseTime(arguments.From, now, "--from", logger, out var from)
            || !TryParseTime(arguments.To, now, "--to", logger, out var to))
        {
            return false;
        }

        if (from > to)
        {
            CliLog.FromAfterTo(logger, from, to);
            return false;
        }

        options = options with { From = from, To = to };
        return true;
    }

    private static bool TryParseTime(string? text, DateTimeOffset now, string option, ILogger logger, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (!TimeArgument.TryParse(text, now, out var parsed, out var error))
        {
            CliLog.InvalidOption(logger, option, TerminalText.Sanitize(error));
            return false;
        }

        time = parsed;
        return true;
    }

    private static IReadOnlyList<DetectionRule>? LoadRules(IReadOnlyList<string> paths, ILogger logger)
    {
        if (paths.Count == 0)
        {
            return BuiltInRules.All;
        }

        foreach (var path in paths)
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                CliLog.RulesNotFound(logger, TerminalText.Sanitize(path));
                return null;
            }
        }

        var loaded = RuleLoader.LoadPaths(paths);
        foreach (var error in loaded.Errors)
        {
            CliLog.RuleNotLoaded(logger, TerminalText.Sanitize(error.ToString()));
        }

        if (loaded.Rules.Count == 0)
        {
            CliLog.NoRules(logger, TerminalText.Sanitize(string.Join(", ", paths)));
            return null;
        }

        return loaded.Rules;
    }
}
