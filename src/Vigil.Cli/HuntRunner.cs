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

        arguments = arguments with { Format = HuntOutputFormat.Resolve(arguments.Format, arguments.Output) };

        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.hunt");

        // Installed before the rules load, so a signal during start-up stops the hunt with its
        // message instead of ending the process with 143.
        using var signals = new ShutdownSignals(logger);

        var loadedRules = HuntRules.Load(arguments.Rules, logger, out usageError);
        if (loadedRules is null)
        {
            // The error points to the load warnings above it, so they are written out first.
            CliLogging.Flush(loggerFactory);
            return UsageError(usageError);
        }

        var rules = loadedRules.Rules;
        if (NoRuleCanRun(rules, options) is { } noRule)
        {
            return UsageError(noRule);
        }

        // Found before the output is opened, so that a hunt of an empty folder leaves --output as it was.
        var unlistedFolders = new List<UnlistedFolder>();
        var files = PathExpansion.Expand(options.Paths, unlistedFolders);
        if (files.Count == 0 && unlistedFolders.Count == 0)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil hunt: no files found in {string.Join(", ", options.Paths)}"));
            return ExitCodes.NothingRead;
        }

        // Checked on the listed files, so that an --output inside an input folder, or linked to an
        // input, is caught too. Standard output gets the table, or the NDJSON when no file takes it.
        var writesStandardOutput = arguments.Format == "table" || arguments.Output is null or StandardStream;
        if (OutputPathCheck.Error("the hunt", arguments.Output, writesStandardOutput, options.Paths, files) is { } outputError)
        {
            return UsageError(outputError);
        }

        options = options with { Files = files, UnlistedFolders = unlistedFolders };
        NdjsonAlertWriter? ndjson;
        try
        {
            ndjson = OpenNdjson(arguments, hasFiles: files.Count > 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return UsageError($"cannot write --output {arguments.Output}: {ex.Message} Choose a writable file path.");
        }

        HuntSummary summary;
        var notCloudTrail = new NotCloudTrailFiles(logger);
        AlertTable? table = arguments.Format == "table" ? new AlertTable() : null;
        try
        {
            // Disposing the writer at a signal too writes out the whole lines it holds.
            using (ndjson)
            {
                summary = Hunt(options, rules, new ConsoleHuntListener(logger, notCloudTrail), table, ndjson, signals.Token);
            }
        }
        catch (Exception ex) when (signals.Received && (ex is OperationCanceledException || ClosedPipe.Caused(ex)))
        {
            // A write that a signal found blocked on a full pipe fails once the reader closes it,
            // and the hunt was still stopped by the signal, not by the reader.
            CliLogging.Flush(loggerFactory);
            Console.Error.WriteLine(Interrupted(arguments));
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is AlertOutputException or IOException)
        {
            // A reader that stopped reading, as `head` does, wants no more alerts and no error.
            CliLogging.Flush(loggerFactory);
            return ClosedPipe.Caused(ex) ? ExitCodes.Success : OutputFailed(arguments.Output, ex.Message, huntFinished: false);
        }

        notCloudTrail.LogUnnamed();
        CliLogging.Flush(loggerFactory);
        if (table is not null && HuntTableOutput.Write(table, summary, signals) is { } tableExitCode)
        {
            return tableExitCode;
        }

        HuntReport.WriteSummary(CliConsoles.StandardError(), summary, loadedRules);
        return ExitCode(summary, options, notCloudTrail);
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
        ConsoleHuntListener listener,
        AlertTable? table,
        NdjsonAlertWriter? ndjson,
        CancellationToken cancellationToken)
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
        var sink = new AlertFanOut(sinks);

        if (Console.IsErrorRedirected)
        {
            return engine.Run(options, sink, listener, cancellationToken);
        }

        return HuntProgress.Run(CliConsoles.StandardError(), options, listener, progress => engine.Run(options, sink, progress, cancellationToken));
    }

    /// <summary>Returns what a stopped hunt left: NDJSON alerts counted before the signal, as whole lines.</summary>
    private static string Interrupted(HuntArguments arguments)
    {
        var ndjson = arguments.Output is not null || arguments.Format == "ndjson";
        return ndjson
            ? "vigil hunt: interrupted; the NDJSON output ends with the last whole alert found before the signal, and no summary is shown."
            : HuntTableOutput.InterruptedBeforeTable;
    }

    private static int ExitCode(HuntSummary summary, HuntOptions options, NotCloudTrailFiles notCloudTrail)
    {
        if (summary.Files == 0 && summary.FoldersNotListed == 0)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil hunt: no files found in {string.Join(", ", options.Paths)}"));
            return ExitCodes.NothingRead;
        }

        if (notCloudTrail.NoEventError("hunt", summary.Events) is { } noEvent)
        {
            Console.Error.WriteLine(noEvent);
            return ExitCodes.NothingRead;
        }

        // A folder that could not be listed fails like a file that could not be read: the hunt goes
        // on, and only a hunt that read no event at all exits with an error.
        var failed = summary.Errors > 0 || summary.FoldersNotListed > 0;
        return summary.Events == 0 && failed ? ExitCodes.NothingRead : ExitCodes.Success;
    }

    /// <summary>
    /// Opens the NDJSON output before the hunt starts, so a bad path fails at once. An --output file
    /// is not opened, and so not truncated, when the input folders could not be listed and there is
    /// no file to read (<paramref name="hasFiles"/> false).
    /// </summary>
    private static NdjsonAlertWriter? OpenNdjson(HuntArguments arguments, bool hasFiles)
    {
        var target = arguments.Output ?? (arguments.Format == "ndjson" ? StandardStream : null);
        if (target is null)
        {
            return null;
        }

        if (target == StandardStream)
        {
            // Buffered as grep and ripgrep do: blocks of whole lines into a file or a pipe, each line as it comes to a terminal.
            return new NdjsonAlertWriter(ClosedPipe.StandardOutput(), ownsStream: true, buffered: Console.IsOutputRedirected);
        }

        if (!hasFiles)
        {
            return null;
        }

        return new NdjsonAlertWriter(File.Create(target, bufferSize: 0), ownsStream: true, buffered: true);
    }

    private static int OutputFailed(string? output, string message, bool huntFinished)
    {
        Console.Error.WriteLine(TerminalText.Sanitize(HuntOutputFailure.Message(output, message, huntFinished)));
        return ExitCodes.OutputFailed;
    }

    private static int UsageError(string message) => Cli.UsageError.Write("hunt", message);
}
