using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// An option written with nothing after <c>=</c> is a usage error, also where the option's value
/// is optional and the parser would otherwise give it its default.
/// </summary>
public class EmptyAfterEqualsTests
{
    [Fact]
    public void OptionalValueEmpty_IsUsageError()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "documents.ndjson");

        var result = CliRunner.Run("convert", RepoPaths.Samples, "--bulk=", "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "vigil convert: --bulk is empty after '=' (a shell variable that is unset gives an empty value). Give a value, or leave out the '='.\n"
            + "Run 'vigil convert --help' for usage.\n",
            result.StandardError);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void RequiredValueEmpty_OneError()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--output=");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("vigil hunt: missing value for --output: give it after the option.\nRun 'vigil hunt --help' for usage.\n", result.StandardError);
    }

    [Fact]
    public void AfterDoubleDash_IsValue()
    {
        var result = CliRunner.Run("kql", "parse", "--", "--x=");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--x=", result.StandardOutput, StringComparison.Ordinal);
    }
}
