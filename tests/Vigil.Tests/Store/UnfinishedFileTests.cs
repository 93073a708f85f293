using Vigil.Store;

namespace Vigil.Tests.Store;

/// <summary>
/// A watched file whose writer pauses inside a JSON value is not reported as truncated while it
/// may still be written. A complete document is read at once. A file that stays truncated is
/// reported once it has stopped changing.
/// </summary>
public sealed class UnfinishedFileTests
{
    private static readonly FolderWatcherOptions FastPoll = new() { PollInterval = TimeSpan.FromSeconds(1), WakeOnChange = false };

    [Fact]
    public void PollOnce_WriterPausedMidDocument_NoError()
    {
        using var fixture = new StoreFixture();
        var document = Document(5);
        var path = WrittenAgo(fixture, document[..(document.Length / 2)], TimeSpan.FromSeconds(10));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], FastPoll);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var second = watcher.PollOnce(TestContext.Current.CancellationToken);
        File.WriteAllText(path, document);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        var completed = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, first.Records);
        Assert.Equal(0, second.Records);
        Assert.Equal(0, first.Errors + second.Errors + completed.Errors);
        Assert.Equal(5, completed.Stored);
        Assert.Equal(5, completed.Records);
    }

    [Fact]
    public void PollOnce_StaysTruncated_ReportedOnce()
    {
        using var fixture = new StoreFixture();
        var document = Document(5);
        WrittenAgo(fixture, document[..(document.Length / 2)], TimeSpan.FromMinutes(2));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], FastPoll);

        // Written longer ago than the wait for a writer, so it is read as it is at the first poll.
        var final = watcher.PollOnce(TestContext.Current.CancellationToken);
        var after = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(1, final.Errors);
        Assert.True(final.Stored > 0);
        Assert.Equal(0, after.Records);
    }

    [Fact]
    public void PollOnce_CompleteDocument_ReadAtOnce()
    {
        using var fixture = new StoreFixture();
        WrittenAgo(fixture, Document(3), TimeSpan.FromSeconds(10));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], FastPoll);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Stored);
        Assert.Equal(0, first.Errors);
    }

    [Fact]
    public void PollOnce_BraceInsideString_StillHeld()
    {
        using var fixture = new StoreFixture();
        var text = "{\"Records\": [" + StoreFixture.Records(1).Single() + ", {\"eventName\": \"a}]\\\"}";
        WrittenAgo(fixture, text, TimeSpan.FromSeconds(10));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory], FastPoll);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var second = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, first.Records + second.Records);
        Assert.Equal(0, first.Errors + second.Errors);
    }

    private static string Document(int count) => "{\"Records\": [" + string.Join(",", StoreFixture.Records(count)) + "]}";

    private static string WrittenAgo(StoreFixture fixture, string text, TimeSpan age)
    {
        var path = Path.Combine(fixture.InputDirectory, "delivery.json");
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }
}
