using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A hunt whose alerts cannot be written stops with one error that names the output, instead of
/// reporting the input file as unreadable and going on.
/// </summary>
public class HuntOutputTests
{
    private const string FullDevice = "/dev/full";

    [Fact]
    public void FullOutput_StopsWithError()
    {
        Assert.SkipUnless(File.Exists(FullDevice), $"{FullDevice} is not available here");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--output", FullDevice);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"cannot write the alerts to --output {FullDevice}", result.StandardError);
        Assert.DoesNotContain("Unhandled exception", result.StandardError);
        Assert.DoesNotContain("reading stopped", result.StandardError);
    }
}
