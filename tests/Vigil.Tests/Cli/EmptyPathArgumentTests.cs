using System.Security.Cryptography;
using Vigil.Detect.Rules.BuiltIn;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// An empty or white-space value for a path, a rule or an alert id, as a script passes when a
/// shell variable is unset, is a usage error (exit 2) that names the option or argument. The
/// parser rejects it, so no command creates or changes a store first.
/// </summary>
/// <remarks>
/// In the arguments, <c>{store}</c> is an existing store, <c>{new}</c> a data directory that does
/// not exist (also set as <c>$VIGIL_DATA</c>), <c>{rule}</c> a rule file and <c>{out}</c> a path
/// that does not exist.
/// </remarks>
public sealed class EmptyPathArgumentTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("vigil hunt: <path> is empty", "hunt", "")]
    [InlineData("vigil hunt: <path> (value 2 of 2) is empty", "hunt", "samples/cloudtrail", "")]
    [InlineData("vigil hunt: --output is empty", "hunt", "samples/cloudtrail", "--output", "")]
    [InlineData("vigil hunt: --output is empty", "hunt", "samples/cloudtrail", "-o", "", "--format", "ndjson")]
    [InlineData("vigil hunt: --rules is empty", "hunt", "samples/cloudtrail", "--rules", "")]
    [InlineData("vigil convert: <path> is empty", "convert", "")]
    [InlineData("vigil convert: --output is empty", "convert", "samples/cloudtrail", "--output", "")]
    [InlineData("vigil ingest: <path> is empty", "ingest", "", "--data", "{new}")]
    [InlineData("vigil ingest: --data is empty", "ingest", "samples/cloudtrail", "--data", "")]
    [InlineData("vigil serve: --watch is empty", "serve", "--data", "{new}", "--watch", "")]
    [InlineData("vigil serve: --rules is empty", "serve", "--data", "{new}", "--rules", "")]
    [InlineData("vigil serve: --data is empty", "serve", "--data", "", "--poll", "200ms")]
    [InlineData("vigil rules validate: <path> is empty", "rules", "validate", "")]
    [InlineData("vigil rules lint: <path> is empty", "rules", "lint", "")]
    [InlineData("vigil rules show: <rule-file> is empty", "rules", "show", "")]
    [InlineData("vigil rules show: --rule-id is empty", "rules", "show", "{rule}", "--rule-id", "")]
    [InlineData("vigil rules test: <path> is empty", "rules", "test", "")]
    [InlineData("vigil rules convert: <path> is empty", "rules", "convert", "", "--to", "toml", "--output", "{out}")]
    [InlineData("vigil rules convert: --output is empty", "rules", "convert", "{rule}", "--to", "kibana-ndjson", "--output", "")]
    [InlineData("vigil rules status: --data is empty", "rules", "status", "--data", "")]
    [InlineData("vigil rules run: <rule> is empty", "rules", "run", "", "--from", "now-1h", "--to", "now", "--data", "{store}")]
    [InlineData("vigil rules run: --data is empty", "rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now", "--data", "")]
    [InlineData("vigil rules enable: <rule> is empty", "rules", "enable", "", "--data", "{store}")]
    [InlineData("vigil rules disable: <rule> is empty", "rules", "disable", "", "--data", "{store}")]
    [InlineData("vigil kql parse: --query-file is empty", "kql", "parse", "--query-file", "")]
    [InlineData("vigil kql eval: --doc is empty", "kql", "eval", "a:b", "--doc", "")]
    [InlineData("vigil kql dsl: --mapping is empty", "kql", "dsl", "a:b", "--mapping", "")]
    [InlineData("vigil alerts list: --data is empty", "alerts", "list", "--data", "")]
    [InlineData("vigil alerts list: --rule is empty", "alerts", "list", "--rule", "", "--data", "{store}")]
    [InlineData("vigil alerts show: <id> is empty", "alerts", "show", "", "--data", "{store}")]
    [InlineData("vigil alerts set-status: <id> is empty", "alerts", "set-status", "", "open", "--data", "{store}")]
    [InlineData("vigil hunt: <path> contains only white space", "hunt", " ")]
    [InlineData("vigil serve: --watch contains only white space", "serve", "--data", "{new}", "--watch", "  ")]
    [InlineData("vigil rules run: <rule> contains only white space", "rules", "run", "\t", "--from", "now-1h", "--to", "now", "--data", "{store}")]
    public void EmptyValue_IsUsageError(string expected, params string[] arguments)
    {
        using var store = arguments.Contains("{store}") ? new CliStore() : null;
        var newData = Path.Combine(_temp.Path, "new-data");
        var storeBefore = store is null ? null : Snapshot(store.Data);
        var resolved = arguments.Select(argument => argument switch
        {
            "{store}" => store!.Data,
            "{new}" => newData,
            "{rule}" => WriteRule(),
            "{out}" => Path.Combine(_temp.Path, "out"),
            _ => argument,
        }).ToArray();

        var result = RunWithTimeout(new Dictionary<string, string?> { ["VIGIL_DATA"] = newData }, resolved);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.StandardError, StringComparison.Ordinal);
        Assert.Contains(". Give ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
        Assert.False(Directory.Exists(newData), $"{newData} was created");
        Assert.False(File.Exists(Path.Combine(_temp.Path, "out")), "the --output of rules convert was written");
        if (store is not null)
        {
            Assert.Equal(storeBefore, Snapshot(store.Data));
        }
    }

    [Fact]
    public void EmptyValue_MessageNamesShellVariable()
    {
        var result = CliRunner.Run("hunt", "");

        Assert.Contains("a shell variable that is unset gives an empty value", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Give a CloudTrail file or a directory of them.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardStreamDash_StillAccepted()
    {
        var result = CliRunner.Run("hunt", "samples/cloudtrail", "--output", "-", "--format", "ndjson");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kibana.alert.uuid", result.StandardOutput, StringComparison.Ordinal);
    }

    private string WriteRule()
    {
        var path = Path.Combine(_temp.Path, "rule.toml");
        File.WriteAllText(path, AwsStsAssumeRoleUsage.Toml);
        return path;
    }

    /// <summary>Lists each file of the store folder by name, with the SHA-256 of its bytes.</summary>
    private static string Snapshot(string folder) =>
        string.Join('\n', Directory.EnumerateFiles(folder)
            .Order(StringComparer.Ordinal)
            .Select(file => $"{Path.GetFileName(file)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))}"));

    /// <summary>
    /// Runs the program and returns its result, or fails the test when it has not exited after
    /// <see cref="ExitTimeout"/>, because a <c>vigil serve</c> that accepts its arguments runs until stopped.
    /// </summary>
    private static CliRunner.CliResult RunWithTimeout(IReadOnlyDictionary<string, string?> environment, string[] arguments)
    {
        using var process = CliRunner.Start(environment, arguments);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ExitTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"vigil {string.Join(' ', arguments)} did not exit within {ExitTimeout.TotalSeconds} s: {error.Result}");
        }

        process.WaitForExit();
        return new CliRunner.CliResult(process.ExitCode, output.Result, error.Result);
    }
}
