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

        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Reading", maxValue: Math.Max(totalBytes, 1));
                return hunt(new ProgressListener(task, inner));
            });
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

    private sealed class ProgressListener(ProgressTask task, IHuntListener inner) : IHuntListener
    {
        public void FileStarted(string path, int index, int count) =>
            task.Description = Markup.Escape($"file {index + 1}/{count}");

        public void FileFinished(string path, long bytes) => task.Increment(bytes);

        public void EventsLackCloudTrailFields(string path, long lacking, long events) => inner.EventsLackCloudTrailFields(path, lacking, events);

        public void RuleWarning(DetectionRule rule, string warning) => inner.RuleWarning(rule, warning);

        public void RecordFailed(ReadItem failure) => inner.RecordFailed(failure);

        public void MappingFailed(ReadItem record) => inner.MappingFailed(record);
    }
}
