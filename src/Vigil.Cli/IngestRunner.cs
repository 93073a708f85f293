using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Read;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil ingest</c>: opens the store, ingests the files, applies retention and reports.</summary>
internal static class IngestRunner
{
    private const string StandardInputNotRead =
        "- names standard input, which ingest does not read: it resumes each file at its saved offset, and a pipe cannot be read again. "
        + "Save the data to a file and ingest that.";

    /// <summary>Ingests <paramref name="paths"/>, of which those from index <paramref name="pathsAfterDoubleDash"/> on were given after <c>--</c>.</summary>
    public static int Run(IReadOnlyList<string> paths, string? data, string retentionText, int pathsAfterDoubleDash)
    {
        if (InputPaths.TryFindMissing(paths, pathsAfterDoubleDash, out var pathError, StandardInputNotRead))
        {
            return UsageError(pathError);
        }

        if (!RetentionPeriod.TryParse(retentionText, out var retention, out var retentionError))
        {
            return UsageError($"--retention: {retentionError}");
        }

        if (StoreOption.DataDirectory(data, out var dataError) is not { } dataDirectory)
        {
            return UsageError(dataError);
        }

        using var loggerFactory = CliLogging.CreateFactory();
        var notCloudTrail = new NotCloudTrailFiles(loggerFactory.CreateLogger("vigil.ingest"));
        var problems = new IngestProblemLog(loggerFactory.CreateLogger("vigil.ingest"), notCloudTrail);

        // Installed before the store opens, which may upgrade it, so a signal then stops the
        // ingest before its first file instead of ending the process with 143.
        using var signals = new ShutdownSignals(loggerFactory.CreateLogger("vigil.ingest"));

        VigilStore store;
        try
        {
            store = VigilStore.Open(dataDirectory);
        }
        catch (StoreException exception)
        {
            return UsageError($"--data: {exception.Message}");
        }

        using (store)
        {
            var ingester = new EventIngester(store, new IngestOptions
            {
                ProblemFound = problems.Log,
                ItemSkipped = problems.LogSkipped,
                FileLeft = problems.LogFileLeft,
                FolderNotListed = problems.LogFolderNotListed,
            });
            IngestSummary summary;
            try
            {
                summary = ingester.Ingest(paths, signals.Token);
            }
            catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
            {
                CliLogging.Flush(loggerFactory);
                Console.Error.WriteLine("vigil ingest: interrupted; every committed batch is stored, and the next run resumes where this one stopped.");
                return ExitCodes.Interrupted;
            }
            catch (StoreFileReplacedException exception)
            {
                Console.Error.WriteLine(TerminalText.Sanitize($"vigil ingest: stopped: {exception.Message}"));
                return ExitCodes.StoreFileReplaced;
            }

            var expired = store.DeleteExpiredEvents(retention);
            WarnAboutNonCloudTrail(loggerFactory.CreateLogger("vigil.ingest"), summary);
            NameEarlierNotCloudTrail(summary, notCloudTrail);
            notCloudTrail.LogUnnamed();
            CliLogging.Flush(loggerFactory);
            IngestReport.Write(CliConsoles.StandardError(), summary, expired, store.CountEvents());
            return ExitCode(summary, paths, notCloudTrail);
        }
    }

    /// <summary>Names each file whose stored events look like something other than CloudTrail, as a hunt does.</summary>
    private static void WarnAboutNonCloudTrail(ILogger logger, IngestSummary summary)
    {
        foreach (var file in summary.Files.Where(file => file.EventsWithoutCloudTrailFields > 0))
        {
            IngestLog.EventsLackCloudTrailFields(logger, TerminalText.Sanitize(file.Path), file.EventsWithoutCloudTrailFields, file.Stored);
        }
    }

    /// <summary>
    /// Names each file already ingested that an earlier run skipped as not CloudTrail JSON, so that
    /// a re-run over such files reports them as the first run did.
    /// </summary>
    private static void NameEarlierNotCloudTrail(IngestSummary summary, NotCloudTrailFiles notCloudTrail)
    {
        foreach (var file in summary.Files)
        {
            if (file.EarlierNotCloudTrailLocation is { } location)
            {
                notCloudTrail.Add(new ReadItem(ReadOutcome.Skipped, file.Path, location, null, NotCloudTrail.Reason));
            }
        }
    }

    private static int ExitCode(IngestSummary summary, IReadOnlyList<string> paths, NotCloudTrailFiles notCloudTrail)
    {
        if (summary.Files.Count == 0 && summary.FoldersNotListed == 0)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil ingest: no files found in {string.Join(", ", paths)}"));
            return ExitCodes.NothingRead;
        }

        // A re-run over files already ingested has read nothing new, which is success, even beside
        // a file it cannot open (a link to nothing in a synced folder). A folder that could not be
        // listed fails like such a file, as it does in a hunt. A file already ingested that gave no
        // event because it is not CloudTrail JSON is no more usable than at the first run.
        var nothingUsable = summary.Stored + summary.Duplicates == 0 && summary.FilesUnchanged == summary.FilesUnchangedNotCloudTrail;
        if (nothingUsable && notCloudTrail.NoEventError("ingest", events: 0) is { } noEvent)
        {
            Console.Error.WriteLine(noEvent);
            return ExitCodes.NothingRead;
        }

        var failed = summary.Errors > 0 || summary.FoldersNotListed > 0;
        return nothingUsable && failed ? ExitCodes.NothingRead : ExitCodes.Success;
    }

    private static int UsageError(string message) => Cli.UsageError.Write("ingest", message);
}
