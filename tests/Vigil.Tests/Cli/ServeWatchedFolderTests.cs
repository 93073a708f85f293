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

        using var serve = StartServe(folder.Path, watched);

        // The watcher starts after the start line, and it must see the folder once before it goes.
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Directory.Delete(watched);
        Assert.True(Eventually.True(() => serve.StandardError.Contains("no longer exists", StringComparison.Ordinal), Patience), serve.StandardError);

        // About ten scans without the folder.
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Directory.CreateDirectory(watched);
        var log = StopOnceLogged(serve, "exists now");

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

        using var serve = StartServe(folder.Path, watched);
        Thread.Sleep(TimeSpan.FromSeconds(1));
        Directory.CreateDirectory(watched);
        var log = StopOnceLogged(serve, "exists now");

        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} does not exist; it is scanned once it appears"));
        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} exists now; scanning it"));
        Assert.DoesNotContain("no longer exists", log, StringComparison.Ordinal);
    }

    [Fact]
    public void RepeatedFolderWatchedOnce()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var folder = new TempDirectory();
        var watched = Path.Combine(folder.Path, "later");
        var other = Path.Combine(folder.Path, "other");

        using var serve = ServeProcess.Start("--data", Path.Combine(folder.Path, "data"), "--watch", watched, "--watch", other, "--watch", watched + "/", "--watch", watched, "--poll", "100ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("does not exist", StringComparison.Ordinal), Patience), serve.StandardError);
        Directory.CreateDirectory(watched);
        var log = StopOnceLogged(serve, "exists now");

        Assert.Single(Regex.Matches(log, $"--watch {Regex.Escape(watched)} was given 3 times, and serve watches it once"));
        Assert.Contains($"watching {watched}, {other}, rules running", log, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} does not exist"));
        Assert.Single(Regex.Matches(log, $"Watched folder {Regex.Escape(watched)} exists now"));
        Assert.DoesNotContain($"--watch {other} was given", log, StringComparison.Ordinal);
    }

    /// <summary>Starts vigil serve watching <paramref name="watched"/> every 100 ms, and returns it once it has started.</summary>
    private static ServeProcess StartServe(string folder, string watched)
    {
        var serve = ServeProcess.Start("--data", Path.Combine(folder, "data"), "--watch", watched, "--poll", "100ms");
        if (!Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), Patience))
        {
            // Disposed here, because the caller never gets it to dispose.
            var log = serve.StandardError;
            serve.Dispose();
            Assert.Fail("vigil serve did not start: " + log);
        }

        return serve;
    }

    /// <summary>Stops <paramref name="serve"/> with SIGTERM once its log contains <paramref name="text"/>, and returns the log.</summary>
    private static string StopOnceLogged(ServeProcess serve, string text)
    {
        Assert.True(Eventually.True(() => serve.StandardError.Contains(text, StringComparison.Ordinal), Patience), serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        return serve.StandardError;
    }
}
