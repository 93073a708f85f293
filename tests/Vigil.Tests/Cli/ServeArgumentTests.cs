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
}
