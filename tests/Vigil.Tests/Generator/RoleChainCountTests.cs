using Vigil.Detect.Rules;
using Vigil.Generator;
using Vigil.Tests.Support;

namespace Vigil.Tests.Generator;

/// <summary>The role-chain count the generator prints is the number of alerts the built-in rule raises.</summary>
public class RoleChainCountTests
{
    [Fact]
    public void HuntCliAlertsOnEveryRoleChain()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "records.json.gz");
        var alerts = Path.Combine(temp.Path, "alerts.ndjson");
        var summary = GeneratedFiles.Generate(input, OutputLayout.JsonGzip);

        var result = CliRunner.Run("hunt", input, "--format", "ndjson", "--output", alerts);

        Assert.Equal(0, result.ExitCode);
        Assert.True(summary.RoleChains > 0, "the generated file should hold role chains");
        Assert.Equal(summary.RoleChains, File.ReadAllLines(alerts).Length);
    }

    [Fact]
    public void S3LayoutAlertsOnEveryRoleChain()
    {
        using var temp = new TempDirectory();
        var summary = GeneratedFiles.Generate(temp.Path, OutputLayout.S3, seed: 5);

        var (hunt, sink) = CollectingSink.Hunt(BuiltInRules.All, temp.Path);

        Assert.Equal(summary.Records, hunt.Events);
        Assert.Equal(summary.RoleChains, sink.Alerts.Count);
    }

    [Fact]
    public void ZeroShareNoRoleChains()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "records.json");
        var options = new GeneratorOptions(input, OutputLayout.Json, RoleChainShare: 0, MaxRecords: GeneratedFiles.Records);

        var summary = CloudTrailGenerator.Run(options, BuiltInProfile.Create());
        var (_, sink) = CollectingSink.Hunt(BuiltInRules.All, input);

        Assert.Equal(0, summary.RoleChains);
        Assert.Empty(sink.Alerts);
    }
}
