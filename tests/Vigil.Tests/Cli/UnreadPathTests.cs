using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A folder that cannot be listed is reported as a path not read, never as a file or a record,
/// and a rule path that failed to load is named once, as the cause of an empty rule set.
/// </summary>
public class UnreadPathTests
{
    private const string Event = """{"Records":[{"eventVersion":"1.08","eventTime":"2026-12-01T10:00:00Z","eventName":"GetCallerIdentity","eventSource":"sts.amazonaws.com","eventID":"e-1"}]}""";

    [Fact]
    public void HuntCountsFolderApartFromRecords()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        File.WriteAllText(Path.Combine(folder.Path, "events.json"), Event);

        var result = UnprivilegedCli.Run(folder.Path, "hunt", folder.Path, "--format", "ndjson");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("); check its permissions", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("byte 0", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Files read\s+1\b", result.StandardError);
        Assert.Matches(@"Folders not listed \(see warnings\)\s+1\b", result.StandardError);
        Assert.Contains("Records read 1 = events 1 + errors 0 + skipped 0", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntOfOnlyUnlistableFolderExitsOne()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);

        var result = UnprivilegedCli.Run(folder.Path, "hunt", locked, "--format", "ndjson");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Files read\s+0\b", result.StandardError);
        Assert.Matches(@"Folders not listed \(see warnings\)\s+1\b", result.StandardError);
        Assert.Contains("Records read 0 = events 0 + errors 0 + skipped 0", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no files found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntRulesUnlistableFolderNamesOnlyCause()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);
        var events = Path.Combine(folder.Path, "events.json");
        File.WriteAllText(events, Event);

        var result = UnprivilegedCli.Run(folder.Path, "hunt", events, "--rules", locked);
        var warning = result.StandardError.IndexOf($"Rule folder not listed: {locked}: the folder could not be listed (", StringComparison.Ordinal);
        var error = result.StandardError.IndexOf($"vigil hunt: no rules loaded from {locked}; the warnings above give the reasons.", StringComparison.Ordinal);

        Assert.Equal(2, result.ExitCode);
        Assert.True(warning >= 0, result.StandardError);
        Assert.True(error > warning, result.StandardError);
        Assert.DoesNotContain("expected detection-rules TOML files", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule not loaded", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntRulesCountsFolderApartFromRules()
    {
        using var folder = new TempDirectory();
        UnprivilegedCli.LockedFolder(folder.Path);
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "rule.toml"));
        var events = Path.Combine(folder.Path, "events.json");
        File.WriteAllText(events, Event);

        var result = UnprivilegedCli.Run(folder.Path, "hunt", events, "--rules", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Rule folders not listed \(see warnings\)\s+1\b", result.StandardError);
        Assert.Matches(@"Rules run\s+1\b", result.StandardError);
        Assert.DoesNotContain("Rules not loaded", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule not loaded", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntRulesAllInvalidPointsToWarnings()
    {
        using var folder = new TempDirectory();
        var broken = Path.Combine(folder.Path, "broken.toml");
        File.WriteAllText(broken, "[rule\n");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", folder.Path);
        var warning = result.StandardError.IndexOf($"Rule not loaded: {broken}(", StringComparison.Ordinal);
        var error = result.StandardError.IndexOf("; the warnings above give the reasons. Fix what they name and run the hunt again.", StringComparison.Ordinal);

        Assert.Equal(2, result.ExitCode);
        Assert.True(warning >= 0, result.StandardError);
        Assert.True(error > warning, result.StandardError);
        Assert.DoesNotContain("expected detection-rules TOML files", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntRulesWithoutRuleFilesNamesExpectedFiles()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "no rules here");

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", folder.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expected detection-rules TOML files (*.toml)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnlyUnlistableFolderCountsNoFile()
    {
        using var folder = new TempDirectory();
        var locked = UnprivilegedCli.LockedFolder(folder.Path);

        var result = UnprivilegedCli.Run(folder.Path, "rules", "validate", locked);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{locked}: the folder could not be listed (", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("0 rules in 0 files, 1 folder could not be listed: 0 valid, 0 errors", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateCountsFolderApartFromFiles()
    {
        using var folder = new TempDirectory();
        UnprivilegedCli.LockedFolder(folder.Path);
        File.Copy(Fixture("aws-sts-assumerole-usage-v2.toml"), Path.Combine(folder.Path, "rule.toml"));

        var result = UnprivilegedCli.Run(folder.Path, "rules", "validate", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 rule in 1 file, 1 folder could not be listed: 1 valid, 0 errors", result.StandardError, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => Path.Combine(RepoPaths.Fixtures, "rules", name);
}
