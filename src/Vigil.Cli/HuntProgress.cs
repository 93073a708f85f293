using Spectre.Console;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Shows a progress bar over the input bytes on a terminal while the hunt runs.</summary>
internal static class HuntProgress
{
    public static HuntSummary Run(IAnsiConsole console, HuntOptions options, IHuntListener inner, Func<IHuntListener, HuntSummary> hunt)
    {
        var files = CloudTrailReader.ExpandPaths(options.Paths);
        var totalBytes = files.Sum(SafeLength);

        // Reports wait until the bar is gone: the logger writes them from its own thread, and lines it
        // wrote while the bar was drawn were overwritten when the bar cleared, so the last went missing.
        var heldReports = new List<Action<IHuntListener>>();
        var summary = console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Reading", maxValue: Math.Max(totalBytes, 1));
                return hunt(new ProgressListener(task, heldReports));
            });

        foreach (var report in heldReports)
        {
            report(inner);
        }

        return summary;
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Moves the bar, and keeps every report for the listener that prints it, in order.</summary>
    private sealed class ProgressListener(ProgressTask task, List<Action<IHuntListener>> heldReports) : IHuntListener
    {
        public void FileStarted(string path, int index, int count) =>
            task.Description = Markup.Escape($"file {index + 1}/{count}");

        public void FileFinished(string path, long bytes) => task.Increment(bytes);

        // The console listener prints the first problems and then one line saying the rest are only
        // counted, so holding more than that would cost memory and show nothing.
        private const int MaxHeldProblems = ConsoleHuntListener.MaxLoggedProblems + 1;

        private int _problems;

        public void EventsLackCloudTrailFields(string path, long lacking, long events) => HoldProblem(inner => inner.EventsLackCloudTrailFields(path, lacking, events));

        public void RuleWarning(DetectionRule rule, string warning) => Hold(inner => inner.RuleWarning(rule, warning));

        public void FolderNotListed(UnlistedFolder folder) => HoldProblem(inner => inner.FolderNotListed(folder));

        public void RecordFailed(ReadItem failure) => HoldProblem(inner => inner.RecordFailed(failure));

        public void MappingFailed(ReadItem record) => HoldProblem(inner => inner.MappingFailed(record));

        private void HoldProblem(Action<IHuntListener> report)
        {
            if (Interlocked.Increment(ref _problems) <= MaxHeldProblems)
            {
                Hold(report);
            }
        }

        // Workers may report at the same time.
        private void Hold(Action<IHuntListener> report)
        {
            lock (heldReports)
            {
                heldReports.Add(report);
            }
        }
    }
}
