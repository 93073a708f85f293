using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A path behind a folder that the user may not enter is reported as a permission problem, not as
/// a missing path, by <c>hunt</c> (inputs and <c>--rules</c>) and <c>convert</c>.
/// </summary>
public class LockedPathTests
{
    private const string Event = """{"Records":[{"eventVersion":"1.08","eventTime":"2026-12-01T10:00:00Z","eventName":"GetCallerIdentity","eventSource":"sts.amazonaws.com","eventID":"e-1"}]}""";

    [Fact]
    public void HuntRulesFileSaysPermission()
    {
        using var folder = new TempDirectory();
        var rule = Path.Combine(UnprivilegedCli.LockedFolder(folder.Path), "wild.toml");
        var events = WriteEvents(folder.Path);

        var result = UnprivilegedCli.Run(folder.Path, "hunt", events, "--rules", rule);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil hunt: rules path {rule} could not be read (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("); check the permissions of its folders.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntRulesFolderSaysPermission()
    {
        using var folder = new TempDirectory();
        var inner = Path.Combine(UnprivilegedCli.LockedFolder(folder.Path), "inner");
        Directory.CreateDirectory(inner);
        var events = WriteEvents(folder.Path);

        var result = UnprivilegedCli.Run(folder.Path, "hunt", events, "--rules", inner);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil hunt: rules path {inner} could not be read (", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void HuntInputSaysPermission()
    {
        using var folder = new TempDirectory();
        var inner = Path.Combine(UnprivilegedCli.LockedFolder(folder.Path), "inner");
        Directory.CreateDirectory(inner);

        var result = UnprivilegedCli.Run(folder.Path, "hunt", inner);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil hunt: input path {inner} could not be read (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("); check the permissions of its folders.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertInputSaysPermission()
    {
        using var folder = new TempDirectory();
        var inner = Path.Combine(UnprivilegedCli.LockedFolder(folder.Path), "inner");
        Directory.CreateDirectory(inner);

        var result = UnprivilegedCli.Run(folder.Path, "convert", inner);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"input path {inner} could not be read (", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingInputStillSaysNotFound()
    {
        using var folder = new TempDirectory();
        var absent = Path.Combine(folder.Path, "absent");

        var result = CliRunner.Run("hunt", absent);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"input path not found: {absent}.", result.StandardError, StringComparison.Ordinal);
    }

    private static string WriteEvents(string folder)
    {
        var events = Path.Combine(folder, "events.json");
        File.WriteAllText(events, Event);
        return events;
    }
}
