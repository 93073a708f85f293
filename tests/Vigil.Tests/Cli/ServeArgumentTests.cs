using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil serve</c> options rejected at start-up, before the store is opened.</summary>
public class ServeArgumentTests
{
    [Fact]
    public void WatchFileIsUsageError()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "trail.json");
        File.WriteAllText(file, """{"Records":[]}""");
        var data = Path.Combine(folder.Path, "data");

        using var serve = ServeProcess.Start("--data", data, "--watch", file, "--poll", "200ms");
        var exited = Eventually.True(() => serve.HasExited, TimeSpan.FromSeconds(30));
        if (!exited)
        {
            serve.Kill();
        }

        Assert.True(exited, serve.StandardError);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains($"vigil serve: --watch {file} is a file, but --watch takes a folder.", serve.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Theory]
    [InlineData("1194h")]
    [InlineData("99999999999999999999h")]
    [InlineData("4294968s")]
    public void PollOverMaximumIsUsageError(string poll)
    {
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");

        using var serve = ServeProcess.Start("--data", data, "--watch", folder.Path, "--poll", poll);
        var exited = serve.WaitForExit(TimeSpan.FromSeconds(30));
        if (!exited)
        {
            serve.Kill();
        }

        Assert.True(exited, serve.StandardError);
        Assert.Equal(2, serve.ExitCode);
        Assert.Contains($"vigil serve: --poll: '{poll}' is longer than the maximum of 1193h. Give 1193h or less.", serve.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public void PollAtMaximumWatches()
    {
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");
        var watch = Directory.CreateDirectory(Path.Combine(folder.Path, "watch")).FullName;

        using var serve = ServeProcess.Start("--data", data, "--watch", watch, "--poll", "1193h");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), serve.StandardError);

        // The watcher's first wait starts right after its first scan, and a wait longer than
        // .NET's timers take failed there at once.
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), serve.StandardError);
        Assert.Equal(0, serve.ExitCode);
        Assert.DoesNotContain("watcher failed", serve.StandardError, StringComparison.Ordinal);
    }
}
