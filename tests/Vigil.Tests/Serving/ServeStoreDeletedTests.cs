using Vigil.Tests.Support;

namespace Vigil.Tests.Serving;

/// <summary>
/// <c>vigil serve</c> whose data directory is deleted while it runs. SQLite keeps writing the
/// unlinked file without an error, so serve must notice and stop instead of losing every event.
/// </summary>
public class ServeStoreDeletedTests
{
    [Fact]
    public void DeletedDataDirectoryStopsServe()
    {
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");
        var watch = Directory.CreateDirectory(Path.Combine(folder.Path, "watch")).FullName;
        using var serve = ServeProcess.Start("--data", data, "--watch", watch, "--poll", "200ms");
        Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), serve.StandardError);

        Directory.Delete(data, recursive: true);
        File.Copy(Path.Combine(RepoPaths.Samples, "exports", "etl-lambda-2026-12-01.ndjson"), Path.Combine(watch, "trail.ndjson"));
        var exited = serve.WaitForExit(TimeSpan.FromSeconds(30));
        if (!exited)
        {
            serve.Kill();
        }

        Assert.True(exited, serve.StandardError);
        Assert.Equal(3, serve.ExitCode);
        Assert.Contains($"the store {Path.Combine(data, "vigil.db")} was deleted while Vigil had it open", serve.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Ingested", serve.StandardError, StringComparison.Ordinal);
    }
}
