using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A rule file named on the command line is read even when it cannot seek, such as
/// <c>/dev/stdin</c> fed by a pipe, as <c>vigil rules validate &lt;(cat rule.toml)</c> gives.
/// </summary>
public sealed class RuleFileFromPipeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ValidateReadsStandardInput()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");

        var result = RunWithInput(Rule(), "rules", "validate", "/dev/stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 rule in 1 file: 1 valid, 0 errors", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertReadsStandardInput()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");
        var output = Path.Combine(_temp.Path, "out.ndjson");

        var result = RunWithInput(Rule(), "rules", "convert", "/dev/stdin", "--to", "kibana-ndjson", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"rule_id\":\"93075852-b0f5-4b8b-89c3-a226efae5726\"", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8FromPipePositioned()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "there is no /dev/stdin on Windows");
        var rule = Rule();
        var broken = System.Text.Encoding.UTF8.GetBytes("# caf");
        byte[] text = [.. broken, 0xE9, (byte)'\n', .. rule];

        var result = RunWithInput(text, "rules", "validate", "/dev/stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/dev/stdin(1,6): the rule file is not valid UTF-8: byte 0xE9 at byte offset 5", result.StandardOutput, StringComparison.Ordinal);
    }

    private static byte[] Rule() => File.ReadAllBytes(Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml"));

    private static CliRunner.CliResult RunWithInput(byte[] input, params string[] arguments) => CliRunner.RunWithInput(input, arguments);
}
