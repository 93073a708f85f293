using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil rules convert</c> rejects a rule whose <c>from</c> is not before its <c>to</c>, as
/// <c>rules validate</c> does, and writes nothing.
/// </summary>
public sealed class RulesConvertWindowTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("kibana-ndjson", "out.ndjson")]
    [InlineData("toml", "out")]
    public void EmptyWindowRejected(string format, string outputName)
    {
        var rule = Path.Combine(_temp.Path, "rule.toml");
        var fixture = File.ReadAllText(Path.Combine(RepoPaths.Fixtures, "rules", "aws-sts-assumerole-usage-v2.toml"));
        File.WriteAllText(rule, fixture.Replace("from = \"now-6m\"", "from = \"now-1m\"\nto = \"now-2m\"", StringComparison.Ordinal));
        var output = Path.Combine(_temp.Path, outputName);
        var validate = CliRunner.Run("rules", "validate", rule);
        var windowError = Assert.Single(validate.StandardOutput.Split('\n'), line => line.Contains("invalid rule.from \"now-1m\"", StringComparison.Ordinal));

        var result = CliRunner.Run("rules", "convert", rule, "--to", format, "--output", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(windowError, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(output));
    }
}
