using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A rule path that gave no rule file (a folder that cannot be listed, or a path that is missing or
/// cannot be reached) is named as such by <c>serve</c>, <c>rules validate</c> and <c>rules lint</c>,
/// and never counted as a file read or as a file's load error.
/// </summary>
public class UnreadRulePathTests
{
    [Fact]
    public void ServeRulesUnlistableFolderNamesFolder()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);

        var result = UnprivilegedCli.Run(folder.Path, "serve", "--rules", locked, "--data", Path.Combine(folder.Path, "data"));
        var warning = result.StandardError.IndexOf($"Rule folder not listed: {locked}: the folder could not be listed (", StringComparison.Ordinal);
        var error = result.StandardError.IndexOf($"vigil serve: --rules: no rules loaded from {locked}; the warnings above give the reasons.", StringComparison.Ordinal);

        Assert.Equal(2, result.ExitCode);
        Assert.True(warning >= 0, result.StandardError);
        Assert.True(error > warning, result.StandardError);
        Assert.DoesNotContain("Rule not loaded", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("expected detection-rules TOML files", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ServeWatchUnlistableFolderWarnsOnce()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test locks folders with Unix permissions");
        using var folder = new TempDirectory();
        var watch = Path.Combine(folder.Path, "watch");
        Directory.CreateDirectory(watch);
        var locked = UnprivilegedCli.LockedFolder(watch);
        var data = Path.Combine(folder.Path, "data");
        Directory.CreateDirectory(data);
        if (OperatingSystem.IsLinux())
        {
            // The nobody user must enter the test folder and write the store.
            File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(data, (UnixFileMode)0b111_111_111);
        }

        // Polled every second for about eight seconds, so the folder is met several times.
        var result = UnprivilegedCli.RunFor(TimeSpan.FromSeconds(8), folder.Path, "serve", "--watch", watch, "--data", data, "--poll", "1s");

        var warning = $"{locked}: the folder could not be listed (";
        var first = result.StandardError.IndexOf(warning, StringComparison.Ordinal);
        Assert.True(first >= 0, result.StandardError);
        Assert.Equal(-1, result.StandardError.IndexOf(warning, first + 1, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateMissingPathCountsNoFile()
    {
        using var folder = new TempDirectory();
        var missing = Path.Combine(folder.Path, "missing.toml");

        var result = CliRunner.Run("rules", "validate", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{missing}: rule path not found", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 rules in 0 files, 1 path could not be read: 0 valid, 0 errors", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("in 1 file", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateMissingPathBesideRuleFile()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(folder.Path, "rule.toml");
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), rule);

        var result = CliRunner.Run("rules", "validate", rule, Path.Combine(folder.Path, "missing.toml"));

        // The rule files given are still validated, and the missing path fails the run.
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 rule in 1 file, 1 path could not be read: 1 valid, 0 errors", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateUnreachablePathCountsNoFile()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        var rule = Path.Combine(locked, "rule.toml");
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), rule);

        var result = UnprivilegedCli.Run(folder.Path, "rules", "validate", rule);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{rule}: the rule path could not be read (", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 rules in 0 files, 1 path could not be read: 0 valid, 0 errors", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LintUnlistableFolderUsesFolderWording()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "rule.toml"));

        var result = UnprivilegedCli.Run(folder.Path, "rules", "lint", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("1 rule linted, 1 folder could not be listed: 0 errors,", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("load error", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void LintMissingPathCountsNoLoadError()
    {
        using var folder = new TempDirectory();
        var missing = Path.Combine(folder.Path, "missing.toml");

        var result = CliRunner.Run("rules", "lint", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{missing}: rule path not found", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("0 rules linted, 1 path could not be read: 0 errors, 0 warnings, 0 info", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("load error", result.StandardError, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => Path.Combine(RepoPaths.Fixtures, "rules", name);
}
