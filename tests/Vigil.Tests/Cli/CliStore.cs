using Vigil.Detect.Rules.BuiltIn;
using Vigil.Serve;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>A temporary data directory with the samples ingested, and rule files beside it, for the store commands.</summary>
internal sealed class CliStore : IDisposable
{
    public const string RuleId = "93075852-b0f5-4b8b-89c3-a226efae5726";

    public const string RuleName = "AWS Security Token Service (STS) AssumeRole Usage";

    private readonly TempDirectory _directory = new();

    public CliStore()
    {
        Data = System.IO.Path.Combine(_directory.Path, "data");
        var ingest = CliRunner.Run("ingest", RepoPaths.Samples, "--data", Data);
        Assert.Equal(0, ingest.ExitCode);
    }

    public string Data { get; }

    public string Folder => _directory.Path;

    /// <summary>Runs a store command on this store.</summary>
    public CliRunner.CliResult Run(params string[] arguments) => CliRunner.Run([.. arguments, "--data", Data]);

    /// <summary>Writes the built-in rule to <paramref name="name"/>, with each pair of texts replaced, and returns its path.</summary>
    public string WriteRule(string name, params (string Old, string New)[] replacements)
    {
        var toml = AwsStsAssumeRoleUsage.Toml;
        foreach (var (old, replacement) in replacements)
        {
            Assert.Contains(old, toml, StringComparison.Ordinal);
            toml = toml.Replace(old, replacement, StringComparison.Ordinal);
        }

        var path = System.IO.Path.Combine(_directory.Path, name);
        File.WriteAllText(path, toml);
        return path;
    }

    /// <summary>Reads the registration of <paramref name="ruleId"/> from the store itself, not from a command's output.</summary>
    public RuleStatus Registered(string ruleId)
    {
        using var opened = VigilStore.Open(Data);
        return Assert.Single(new RuleScheduler(opened).Status(), status => status.RuleId == ruleId);
    }

    public void Dispose() => _directory.Dispose();
}
