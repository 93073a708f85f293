using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// After <c>--</c> every token is an argument, such as a path named <c>--format</c>, and no help
/// offers "additional arguments", which no command takes.
/// </summary>
public class DoubleDashTests
{
    public static TheoryData<string[]> HelpCommands => new()
    {
        { ["--help"] },
        { ["hunt", "--help"] },
        { ["serve", "--help"] },
        { ["rules", "run", "--help"] },
        { ["alerts", "set-status", "--help"] },
    };

    [Theory]
    [MemberData(nameof(HelpCommands))]
    public void HelpOmitsAdditionalArguments(string[] arguments)
    {
        var result = CliRunner.Run(arguments);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("additional arguments", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("[--]", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hunt")]
    [InlineData("convert")]
    public void MissingPathAfterDoubleDash(string command)
    {
        var result = CliRunner.Run(command, RepoPaths.Samples, "--", "--format");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil {command}: input path not found: --format.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown option", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestPathAfterDoubleDash()
    {
        using var folder = new TempDirectory();

        var result = CliRunner.Run("ingest", "--data", Path.Combine(folder.Path, "data"), "--", "--format");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigil ingest: input path not found: --format.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntReadsFileNamedLikeOption()
    {
        using var folder = new TempDirectory();
        var sample = Directory.EnumerateFiles(RepoPaths.Samples, "*.json*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.Copy(sample, Path.Combine(folder.Path, "--format"));

        var result = ShellCli.Run("cd \"$1\" && vigil hunt -- --format", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Records read", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionBeforeDoubleDash()
    {
        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigil hunt: unknown option --bogus.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraTokenAfterDoubleDash()
    {
        var result = CliRunner.Run("alerts", "list", "--data", "DATA", "--", "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigil alerts list: unexpected argument '--bogus'.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized", result.StandardError, StringComparison.Ordinal);
    }
}
