using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil ingest</c> and <c>vigil serve</c> take the data directory from <c>$VIGIL_DATA</c> when <c>--data</c> is absent.</summary>
public class DataEnvironmentTests
{
    [Fact]
    public void IngestReadsVigilData()
    {
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");

        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["VIGIL_DATA"] = data }, "ingest", RepoPaths.Samples);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(data, "vigil.db")), result.StandardError);
    }

    [Fact]
    public void IngestWithoutDataIsUsageError()
    {
        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["VIGIL_DATA"] = null }, "ingest", RepoPaths.Samples);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigil ingest: missing --data", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("VIGIL_DATA", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeReadsVigilData()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var folder = new TempDirectory();
        var data = Path.Combine(folder.Path, "data");

        using var serve = ServeProcess.StartWithEnvironment(new Dictionary<string, string?> { ["VIGIL_DATA"] = data }, "--poll", "200ms");
        var started = Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal) || serve.HasExited, TimeSpan.FromSeconds(60));
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

        Assert.True(started, serve.StandardError);
        Assert.Contains($"vigil serve started: data {data}", serve.StandardError, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "vigil.db")));
    }
}
