using Vigil.Store;

namespace Vigil.Tests.Store;

/// <summary>Symbolic links to files in a watched folder are read by their target's size and time.</summary>
public sealed class LinkedFileWatchTests
{
    [Fact]
    public void PollOnce_LinkToFile_StoresTargetRecords()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var fixture = new StoreFixture();
        var target = Settled(WriteOutside(fixture, "r.json", StoreFixture.Records(10)));
        File.CreateSymbolicLink(Path.Combine(fixture.InputDirectory, "r-link.json"), target);
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);

        var summary = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(10, summary.Stored);
        Assert.Equal(0, summary.Errors);
    }

    [Fact]
    public void PollOnce_TargetGrows_StoresAppended()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var fixture = new StoreFixture();
        var target = Settled(WriteOutside(fixture, "r.json", StoreFixture.Records(3)));
        File.CreateSymbolicLink(Path.Combine(fixture.InputDirectory, "r-link.json"), target);
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);
        watcher.PollOnce(TestContext.Current.CancellationToken);
        File.AppendAllLines(target, StoreFixture.Records(2, firstIndex: 3));
        Settled(target);

        var grown = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(2, grown.Stored);
        Assert.Equal(5, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_DanglingLink_ReadOnceTargetAppears()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need extra rights on Windows");
        using var fixture = new StoreFixture();
        var target = Path.Combine(fixture.InputDirectory, "..", "later.json");
        File.CreateSymbolicLink(Path.Combine(fixture.InputDirectory, "later-link.json"), target);
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);

        var before = watcher.PollOnce(TestContext.Current.CancellationToken);
        File.WriteAllLines(target, StoreFixture.Records(4));
        Settled(target);
        var after = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, before.Records);
        Assert.Equal(0, before.Errors);
        Assert.Equal(4, after.Stored);
    }

    private static string WriteOutside(StoreFixture fixture, string name, IEnumerable<string> lines)
    {
        var path = Path.GetFullPath(Path.Combine(fixture.InputDirectory, "..", name));
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Settled(string path)
    {
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return path;
    }
}
