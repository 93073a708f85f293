using Spectre.Console;
using Vigil.Cli;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Read;

namespace Vigil.Tests.Cli;

/// <summary>The progress bar's listener passes every report on to the listener that prints it.</summary>
public class HuntProgressTests
{
    [Fact]
    public void ProgressListener_ForwardsReportsAfterBar()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(new StringWriter()),
            Interactive = InteractionSupport.Yes,
            Ansi = AnsiSupport.No,
        });
        var inner = new RecordingListener();
        var rule = BuiltInRules.All[0];
        var failure = new ReadItem(ReadOutcome.Error, "a.json", "line 1", null, "invalid JSON");
        var folder = Directory.CreateTempSubdirectory("vigil-progress-").FullName;

        HuntProgress.Run(console, new HuntOptions([folder]), inner, progress =>
        {
            progress.EventsLackCloudTrailFields("a.json", 1, 2);
            progress.RuleWarning(rule, "exception lists are not applied");
            progress.RecordFailed(failure);
            progress.MappingFailed(failure);

            // Held while the bar is drawn, so that clearing the bar cannot overwrite them.
            Assert.Empty(inner.Calls);
            return new HuntSummary();
        });
        Directory.Delete(folder);

        Assert.Equal(["lacking a.json 1 of 2", "warning exception lists are not applied", "failed invalid JSON", "mapping invalid JSON"], inner.Calls);
    }

    [Fact]
    public void ProgressListener_HoldsOnlyWhatIsPrinted()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.Yes, Ansi = AnsiSupport.No });
        var inner = new RecordingListener();
        var folder = Directory.CreateTempSubdirectory("vigil-progress-").FullName;

        HuntProgress.Run(console, new HuntOptions([folder]), inner, progress =>
        {
            for (var i = 0; i < 500; i++)
            {
                progress.RecordFailed(new ReadItem(ReadOutcome.Error, "a.json", $"line {i + 1}", null, $"error {i + 1}"));
            }

            return new HuntSummary();
        });
        Directory.Delete(folder);

        // The console listener prints 50, and at the 51st a line that the rest are only counted.
        Assert.Equal(ConsoleHuntListener.MaxLoggedProblems + 1, inner.Calls.Count);
        Assert.Equal("failed error 1", inner.Calls[0]);
    }

    private sealed class RecordingListener : IHuntListener
    {
        public List<string> Calls { get; } = [];

        public void EventsLackCloudTrailFields(string path, long lacking, long events) => Calls.Add($"lacking {path} {lacking} of {events}");

        public void RuleWarning(DetectionRule rule, string warning) => Calls.Add($"warning {warning}");

        public void RecordFailed(ReadItem failure) => Calls.Add($"failed {failure.Reason}");

        public void MappingFailed(ReadItem record) => Calls.Add($"mapping {record.Reason}");
    }
}
