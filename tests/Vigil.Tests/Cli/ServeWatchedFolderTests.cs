using System.Text.RegularExpressions;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil serve</c> logs a watched folder that disappears while it runs once, and once again when
/// it appears, not at every scan.
/// </summary>
public class ServeWatchedFolderTests
{
    // Generous, because CI machines may be loaded.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public void DeletedFolderWarnsOnce()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var folder = new TempDirectory();
        var watched = Path.Combine(folder.Path, "watched");
        Directory.CreateDirectory(watched);

        using var serve = ServeProcess.Start("--data", Path.Combine(folder.Path, "data"), "--watch", watched, "--poll", "100ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);

        // The watcher starts after the start line, and it must see the folder once before it goes.
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Directory.Delete(watched);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("no longer exists", StringComparison.Ordinal), Patience), serve.StandardError);

        // About ten scans without the folder.
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Directory.CreateDirectory(watched);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("exists now", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        var log = serve.StandardError;
        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} no longer exists \\(deleted, moved or unmounted\\); it is scanned again once it reappears"));
        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} exists now; scanning it"));
        Assert.DoesNotContain("does not exist", log, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolderLogsAppearance()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var folder = new TempDirectory();
        var watched = Path.Combine(folder.Path, "later");

        using var serve = ServeProcess.Start("--data", Path.Combine(folder.Path, "data"), "--watch", watched, "--poll", "100ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience), serve.StandardError);
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Directory.CreateDirectory(watched);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("exists now", StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        var log = serve.StandardError;
        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} does not exist; it is scanned once it appears"));
        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} exists now; scanning it"));
        Assert.DoesNotContain("no longer exists", log, StringComparison.Ordinal);
    }
}
