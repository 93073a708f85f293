using Microsoft.Extensions.Logging;
using Spectre.Console;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil hunt</c>: checks the arguments, loads rules, runs the hunt and reports.</summary>
internal static class HuntRunner
{
    private const string StandardStream = "-";

    public static int Run(HuntArguments arguments)
    {
        if (!HuntArgumentCheck.TryBuildOptions(arguments, out var options, out var usageError))
        {
            return UsageError(usageError);
        }

        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.hunt");

        var rules = LoadRules(arguments.Rules, logger, out var rulesFailed, out usageError);
        if (rules is null)
        {
            return UsageError(usageError);
        }

        if (NoRuleCanRun(rules, options) is { } noRule)
        {
            return UsageError(noRule);
        }

        // Found before the output is opened, so that a hunt of an empty folder leaves --output as it was.
        var files = CloudTrailReader.ExpandPaths(options.Paths);
        if (files.Count == 0)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil hunt: no files found in {string.Join(", ", options.Paths)}"));
            return ExitCodes.NothingRead;
        }

        options = options with { Files = files };
        NdjsonAlertWriter? ndjson;
        try
        {
            ndjson = OpenNdjson(arguments, options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return UsageError($"cannot write --output {arguments.Output}: {ex.Message} Choose a writable file path.");
        }

        HuntSummary summary;
        AlertTable? table = arguments.Format == "table" ? new AlertTable() : null;
        try
        {
            using (ndjson)
            {
                summary = Hunt(options, rules, logger, table, ndjson);
            }
        }
        catch (Exception ex) when (ex is AlertOutputException or IOException)
        {
            // A reader that stopped reading, as `head` does, wants no more alerts and no error.
            CliLogging.Flush(loggerFactory);
            return ClosedPipe.Caused(ex) ? ExitCodes.Success : OutputFailed(arguments.Output, ex.Message);
        }

        CliLogging.Flush(loggerFactory);
        if (table is not null)
        {
            try
            {
                HuntReport.WriteAlerts(CliConsoles.StandardOutput(), table, summary);
            }
            catch (IOException ex)
            {
                return ClosedPipe.Caused(ex) ? ExitCodes.Success : OutputFailed(null, ex is StandardOutputException ? ex.InnerException!.Message : ex.Message);
            }
        }

        HuntReport.WriteSummary(CliConsoles.StandardError(), summary, rulesFailed);
        return ExitCode(summary, options);
    }

    /// <summary>
    /// Returns why no rule of <paramref name="rules"/> can run, with each rule's reason, or null
    /// when one can: a hunt without a rule would read every file and report no alerts.
    /// </summary>
    private static string? NoRuleCanRun(IReadOnlyList<DetectionRule> rules, HuntOptions options)
    {
        var (runnable, skipped) = RulePreparation.Prepare(rules, options, FieldMapping.CloudTrail);
        if (runnable.Count > 0)
        {
            return null;
        }

        var reasons = skipped.Select(rule => $"{rule.Rule.Name} ({rule.Rule.SourcePath ?? "built-in"}): {rule.Reason}");
        return $"no rule can run, so nothing would be hunted. {string.Join("; ", reasons)}. {Advice(skipped)}";
    }

    /// <summary>Advises a rule type and language only when a skipped rule is not already a KQL query rule.</summary>
    private static string Advice(IReadOnlyList<SkippedRule> skipped) =>
        skipped.All(rule => rule.Rule.Type == "query" && rule.Rule.Language == "kuery")
            ? "Fix the query, filter or index patterns each reason names."
            : "Fix the rules, or give rules of type query in KQL.";

    private static HuntSummary Hunt(
        HuntOptions options,
        IReadOnlyList<DetectionRule> rules,
        ILogger logger,
        AlertTable? table,
        NdjsonAlertWriter? ndjson)
    {
        var sinks = new List<IAlertSink>();
        if (table is not null)
        {
            sinks.Add(table);
        }

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

        return HuntProgress.Run(CliConsoles.StandardError(), options, listener, progress => engine.Run(options, sink, progress));
    }

    private static int ExitCode(HuntSummary summary, HuntOptions options)
    {
        if (summary.Files == 0)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil hunt: no files found in {string.Join(", ", options.Paths)}"));
            return ExitCodes.NothingRead;
        }

        return summary.Events == 0 && summary.Errors > 0 ? ExitCodes.NothingRead : ExitCodes.Success;
    }

    /// <summary>Opens the NDJSON output before the hunt starts, so a bad path fails at once.</summary>
    private static NdjsonAlertWriter? OpenNdjson(HuntArguments arguments, HuntOptions options)
    {
        var target = arguments.Output ?? (arguments.Format == "ndjson" ? StandardStream : null);
        if (target is null)
        {
            return null;
        }

        if (target == StandardStream)
        {
            // Buffered as grep and ripgrep do: whole blocks into a file or a pipe, each line as it comes to a terminal.
            return new NdjsonAlertWriter(ClosedPipe.StandardOutput(), ownsStream: true, buffered: Console.IsOutputRedirected);
        }

        return new NdjsonAlertWriter(File.Create(target, bufferSize: 0), ownsStream: true, buffered: true);
    }

    private static IReadOnlyList<DetectionRule>? LoadRules(
        IReadOnlyList<string> paths,
        ILogger logger,
        out int rulesFailed,
        out string usageError)
    {
        rulesFailed = 0;
        usageError = "";
        if (paths.Count == 0)
        {
            return BuiltInRules.All;
        }

        var missing = paths.FirstOrDefault(path => !File.Exists(path) && !Directory.Exists(path));
        if (missing is not null)
        {
            usageError = $"rules path not found: {missing}. Give a rule file or a folder of rule files.";
            return null;
        }

        var loaded = RuleLoader.LoadPaths(paths);
        foreach (var error in loaded.Errors)
        {
            CliLog.RuleNotLoaded(logger, TerminalText.Sanitize(error.ToString()));
        }

        rulesFailed = CountRulesNotLoaded(loaded.Errors);
        WarnDuplicateRuleIds(loaded.Rules, logger);

        if (loaded.Rules.Count == 0)
        {
            usageError = $"no rules loaded from {string.Join(", ", paths)}: expected detection-rules TOML files (*.toml) or Kibana exports (*.ndjson) in a folder, or a Kibana rule JSON file given by name.";
            return null;
        }

        return loaded.Rules;
    }

    /// <summary>
    /// Counts the rules behind the load errors: one per line of a Kibana export, which contains one rule
    /// per line, and one per other rule file, which may report several errors for its one rule.
    /// </summary>
    private static int CountRulesNotLoaded(IReadOnlyList<RuleLoadError> errors) =>
        errors
            .Select(e => e.File.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? $"{e.File}({e.Line})" : e.File)
            .Distinct(StringComparer.Ordinal)
            .Count();

    /// <summary>
    /// Kibana keeps one rule per <c>rule_id</c>. A folder may hold several versions of one rule; all
    /// of them run here, and their alerts share <c>kibana.alert.rule.uuid</c>, so a warning is logged.
    /// </summary>
    private static void WarnDuplicateRuleIds(IReadOnlyList<DetectionRule> rules, ILogger logger)
    {
        foreach (var group in rules.GroupBy(r => r.RuleId).Where(g => g.Count() > 1))
        {
            var files = string.Join(", ", group.Select(r => r.SourcePath ?? "built-in"));
            CliLog.DuplicateRuleId(logger, TerminalText.Sanitize(group.Key), group.Count(), TerminalText.Sanitize(files));
        }
    }

    private static int OutputFailed(string? output, string message)
    {
        var target = output is null or "-" ? "standard output" : $"--output {output}";
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil hunt: cannot write the alerts to {target}: {message.TrimEnd('.')}. The hunt stopped. Free space or choose another output, and run it again."));
        return ExitCodes.OutputFailed;
    }

    private static int UsageError(string message)
    {
        Console.Error.WriteLine("vigil hunt: " + TerminalText.Sanitize(message));
        Console.Error.WriteLine("Run 'vigil hunt --help' for usage.");
        return ExitCodes.Usage;
    }
}
