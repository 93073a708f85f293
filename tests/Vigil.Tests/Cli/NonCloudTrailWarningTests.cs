using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Convert, ingest and serve name each file whose events have neither <c>eventName</c> nor
/// <c>eventTime</c>, as a hunt does, so that pointing them at the wrong folder does not look clean.
/// </summary>
public class NonCloudTrailWarningTests
{
    private const string Warning = "inventory.json: 2 of 2";

    [Fact]
    public void Convert_NamesNonCloudTrailFile()
    {
        using var temp = new TempDirectory();
        var input = WriteInputs(temp.Path);

        var result = CliRunner.Run("convert", input, "--output", Path.Combine(temp.Path, "out.ndjson"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Warning} events have neither eventName nor eventTime", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("trail.json: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_NamesNonCloudTrailFile()
    {
        using var temp = new TempDirectory();
        var input = WriteInputs(temp.Path);

        var result = CliRunner.Run("ingest", input, "--data", Path.Combine(temp.Path, "data"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Warning} stored events have neither eventName nor eventTime", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("trail.json: ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_NamesNonCloudTrailFile()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var temp = new TempDirectory();
        var watch = WriteInputs(temp.Path);

        using var serve = ServeProcess.Start("--data", Path.Combine(temp.Path, "data"), "--watch", watch, "--poll", "200ms");

        Assert.True(
            Eventually.True(() => serve.StandardError.Contains(Warning, StringComparison.Ordinal), TimeSpan.FromSeconds(60)),
            serve.StandardError);
        Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");
        var warning = Assert.Single(serve.StandardError.Split('\n'), line => line.Contains("neither eventName nor eventTime", StringComparison.Ordinal));
        Assert.Contains($"{Warning} stored events", warning, StringComparison.Ordinal);
    }

    /// <summary>Writes a folder with one inventory that is not CloudTrail and one sample trail file.</summary>
    private static string WriteInputs(string root)
    {
        var input = Directory.CreateDirectory(Path.Combine(root, "input")).FullName;
        File.WriteAllText(Path.Combine(input, "inventory.json"), """[{"name":"x","items":[1,2]},{"name":"y"}]""");
        var sample = Directory.GetFiles(Path.Combine(RepoPaths.Samples, "exports")).First();
        File.Copy(sample, Path.Combine(input, "trail.json"));
        return input;
    }
}
