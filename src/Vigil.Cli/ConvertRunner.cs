using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Vigil.Map;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil convert</c>: checks the arguments, converts every record and reports.</summary>
internal static class ConvertRunner
{
    private const string StandardStream = "-";

    // The same reason text as the hunt's, so both summaries count duplicates under one name.
    private const string DuplicateReason = "duplicate delivery (same eventID and content)";

    public static int Run(ConvertArguments arguments)
    {
        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.convert");

        if (ArgumentError(arguments) is { } argumentError)
        {
            return UsageError(argumentError);
        }

        // Listed before the output is opened, so that an --output among the inputs is rejected
        // before it is truncated, and a new --output is not read as an input.
        var unlistedFolders = new List<UnlistedFolder>();
        var files = PathExpansion.Expand(arguments.Paths, unlistedFolders);
        var writesStandardOutput = arguments.Output is null or StandardStream;
        if (OutputPathCheck.Error("the conversion", arguments.Output, writesStandardOutput, arguments.Paths, files) is { } outputError)
        {
            return UsageError(outputError);
        }

        var target = arguments.Output is null or StandardStream ? "stdout" : arguments.Output;
        var output = OpenOutput(arguments.Output, hasFiles: files.Count > 0, out var openError);
        if (output is null)
        {
            return UsageError(openError);
        }

        var summary = new ConvertSummary();
        var notCloudTrail = new NotCloudTrailFiles(logger);
        using var signals = new ShutdownSignals(logger);
        try
        {
            // Disposing the writer at a signal too writes out the whole lines it holds.
            using var writer = new ConvertDocumentWriter(output, arguments.BulkIndex);
            Convert(arguments, files, unlistedFolders, writer, summary, new ConvertProblemLog(logger, notCloudTrail), signals.Token);
        }
        catch (Exception exception) when (signals.Received && (exception is OperationCanceledException || ClosedPipe.Caused(exception)))
        {
            // A write that a signal found blocked on a full pipe fails once the reader closes it,
            // and the conversion was still stopped by the signal, not by the reader.
            CliLogging.Flush(loggerFactory);
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil convert: interrupted; the documents written to {target} end with the last whole document converted before the signal, and no summary is shown. Run it again to convert every record."));
            return ExitCodes.Interrupted;
        }
        catch (IOException exception) when (ClosedPipe.Caused(exception))
        {
            return ExitCodes.Success;
        }
        catch (IOException exception)
        {
            // A file stream's message names the file again after the reason: "... : '/dev/full'".
            var reason = exception.Message.Split(" : '")[0].TrimEnd('.');
            var fix = target == "stdout" && StandardDescriptors.OutputClosed
                ? "redirect standard output to a file, or give --output FILE"
                : "free space or choose another output";
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil convert: cannot write the documents to {target}: {reason}. The output is incomplete; {fix}, and run it again."));
            return ExitCodes.OutputFailed;
        }

        notCloudTrail.LogUnnamed();
        CliLogging.Flush(loggerFactory);
        ConvertReport.WriteSummary(CliConsoles.StandardError(), summary, target);
        return ExitCode(summary, arguments.Paths, notCloudTrail);
    }

    private static int UsageError(string message) => Cli.UsageError.Write("convert", message);

    private static int ExitCode(ConvertSummary summary, IReadOnlyList<string> paths, NotCloudTrailFiles notCloudTrail)
    {
        if (summary.Files == 0 && summary.FoldersNotListed == 0)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil convert: no files found in {string.Join(", ", paths)}"));
            return ExitCodes.NothingRead;
        }

        if (notCloudTrail.NoEventError("convert", summary.Events) is { } noEvent)
        {
            Console.Error.WriteLine(noEvent);
            return ExitCodes.NothingRead;
        }

        // A folder that could not be listed fails like a file that could not be read, as in a hunt:
        // the conversion goes on, and only one that wrote no event at all exits with an error.
        var failed = summary.Errors > 0 || summary.FoldersNotListed > 0;
        return summary.Events == 0 && failed ? ExitCodes.NothingRead : ExitCodes.Success;
    }

    private static void Convert(
        ConvertArguments arguments,
        IReadOnlyList<string> files,
        List<UnlistedFolder> unlistedFolders,
        ConvertDocumentWriter writer,
        ConvertSummary summary,
        ConvertProblemLog problems,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var options = new MapOptions { KeepOriginal = arguments.KeepOriginal };
        var reader = new CloudTrailReader { PipesToRead = arguments.Paths.ToHashSet(StringComparer.Ordinal) };
        var items = new ConvertItems(reader, arguments.KeepOriginal);
        var duplicates = new DuplicateFilter();

        // A folder gives no record, so it is reported as a path not read, not as an error record of a file.
        foreach (var folder in unlistedFolders)
        {
            problems.FolderNotListed(folder);
        }

        summary.FoldersNotListed = unlistedFolders.Count;

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var eventsBefore = summary.Events;
            var lacking = 0L;
            items.Read(file, (item, original) =>
            {
                // Checked per record, as a hunt does, so a large file stops within a record of the signal.
                cancellationToken.ThrowIfCancellationRequested();
                summary.Records++;
                lacking += Handle(item, original, options, duplicates, writer, summary, problems) ? 1 : 0;
            });

            // As a hunt does, so that converting the wrong folder does not look clean.
            if (lacking > 0)
            {
                problems.EventsLackCloudTrailFields(file, lacking, summary.Events - eventsBefore);
            }
        }

        summary.Files = files.Count;
        summary.Elapsed = stopwatch.Elapsed;
    }

    /// <summary>
    /// Counts and writes one item, with <paramref name="original"/> as its <c>event.original</c> when
    /// that is kept. Returns true for an event with neither <c>eventName</c> nor <c>eventTime</c>.
    /// </summary>
    private static bool Handle(
        ReadItem item,
        string? original,
        MapOptions options,
        DuplicateFilter duplicates,
        ConvertDocumentWriter writer,
        ConvertSummary summary,
        ConvertProblemLog problems)
    {
        if (item.Outcome == ReadOutcome.Error)
        {
            summary.Errors++;
            problems.RecordFailed(item);
            return false;
        }

        if (item.Outcome == ReadOutcome.Skipped)
        {
            summary.CountSkip(item.Reason ?? "skipped");
            problems.Skipped(item);
            return false;
        }

        if (duplicates.IsDuplicate(item.Record!))
        {
            summary.CountSkip(DuplicateReason);
            return false;
        }

        // Elastic indexes a document even when a processor fails, so it is written, and reported.
        var mapped = CloudTrailMapper.Map(item.Record!, options, original);
        if (mapped.Error is not null)
        {
            summary.EventsWithMappingErrors++;
            problems.MappingFailed(item, mapped.Error);
        }

        summary.Events++;
        writer.Write(mapped.Document);
        return !item.Record!.ContainsKey("eventName") && !item.Record.ContainsKey("eventTime");
    }

    /// <summary>Returns what is wrong with the command line, or null when the conversion can start.</summary>
    private static string? ArgumentError(ConvertArguments arguments)
    {
        if (InputPaths.TryFindMissing(arguments.Paths, arguments.PathsAfterDoubleDash, out var missing))
        {
            return missing;
        }

        if (OutputPathCheck.FolderError(arguments.Output) is { } folderError)
        {
            return folderError;
        }

        if (arguments.BulkIndex is not { } index)
        {
            return null;
        }

        if (File.Exists(index) || Directory.Exists(index))
        {
            return $"--bulk {index}: that is an input path, not an index name. Put --bulk after the paths, or write --bulk=INDEX.";
        }

        return ConvertIndexName.TryValidate(index, out var error)
            ? null
            : $"--bulk: {error}. Give a valid index or data stream name, for example --bulk={ConvertArguments.DefaultIndex}.";
    }

    /// <summary>
    /// Opens standard output or the --output file, or writes an error and returns null. The file is
    /// not opened, and so not truncated, when the input folders could not be listed and there is no
    /// file to read (<paramref name="hasFiles"/> false).
    /// </summary>
    private static Stream? OpenOutput(string? path, bool hasFiles, out string error)
    {
        error = "";
        if (path is null or StandardStream)
        {
            return ClosedPipe.StandardOutput();
        }

        if (!hasFiles)
        {
            return Stream.Null;
        }

        try
        {
            // Unbuffered, so that each block of whole lines goes to the file in one write.
            return File.Create(path, bufferSize: 0);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // .NET's message ends in a period of its own.
            error = $"cannot create --output {path}: {exception.Message.TrimEnd('.')}. Check that its folder exists and is writable.";
            return null;
        }
    }
}
