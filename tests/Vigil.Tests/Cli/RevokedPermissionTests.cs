using System.Diagnostics;
using Vigil.Detect.Rules.BuiltIn;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil rules run</c> and <c>vigil rules enable</c>, run as <c>nobody</c> on a store that user may
/// write, when the store or a rule file is not writable or readable for that user, such as after a
/// permission was removed while the command ran: the error names the file and the fix, with the
/// exit code of the same problem found at start, and no stack trace.
/// </summary>
public sealed class RevokedPermissionTests : IDisposable
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ReadWrite = ReadOnly | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private const UnixFileMode AllExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly CliStore _store = new();

    private string Database => Path.Combine(_store.Data, "vigil.db");

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task RulesRun_StoreLockedWhileRunning()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test locks the store with Unix permissions and reads /proc");
        OpenStoreToNobody();
        var rule = Path.Combine(_store.Folder, "rule.toml");
        MakeFifo(rule);

        using var process = UnprivilegedCli.StartProcess(_store.Folder, "rules", "run", rule, "--from", "now-1h", "--to", "now", "--data", _store.Data);
        using var cleanup = SignalProcess.KillAtEnd(process);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        // The command has opened the store, which this user could write then, and waits for the rule.
        SignalProcess.AwaitWaitIn(process, "wait_for_partner");
        SetMode(Database, ReadOnly);
        await File.WriteAllTextAsync(rule, AwsStsAssumeRoleUsage.Toml, TestContext.Current.CancellationToken);

        Assert.True(process.WaitForExit(SignalProcess.Patience), "rules run did not end");
        var standardError = await error;
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith($"vigil rules run: --data: permission denied on {Database}: this user cannot write the store file. Run the command as a user who can write it", standardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", standardError, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", standardError + await output, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesEnable_UnreadableRuleFile()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test locks the rule file with Unix permissions");
        OpenStoreToNobody();
        var rule = _store.WriteRule("rule.toml");
        SetMode(rule, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = UnprivilegedCli.Run(_store.Folder, "rules", "enable", rule, "--data", _store.Data);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"vigil rules enable: {rule} not registered because it could not be read: {rule}: permission denied: this user cannot read the rule file. Run the command as a user who can read it, or give this user read permission on it.\n",
            result.StandardError);
    }

    [Fact]
    public void RulesEnable_RuleFileBehindLockedFolder()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the test locks a folder with Unix permissions");
        OpenStoreToNobody();
        var rule = Path.Combine(UnprivilegedCli.LockedFolder(_store.Folder), "rule.toml");
        File.WriteAllText(rule, AwsStsAssumeRoleUsage.Toml);

        var result = UnprivilegedCli.Run(_store.Folder, "rules", "enable", rule, "--data", _store.Data);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"vigil rules enable: rule file {rule} could not be read (", result.StandardError, StringComparison.Ordinal);
        Assert.EndsWith("); check the permissions of its folders, or run the command as a user who can read it.\n", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not found", result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Lets the <c>nobody</c> user enter the test folder and write the store, which root created.</summary>
    private void OpenStoreToNobody()
    {
        SetMode(_store.Folder, ReadOnly | AllExecute | UnixFileMode.UserWrite);
        SetMode(_store.Data, ReadWrite | AllExecute);
        foreach (var file in Directory.GetFiles(_store.Data))
        {
            SetMode(file, ReadWrite);
        }
    }

    /// <summary>Sets the mode of <paramref name="path"/>; each test skips before this where the system has no Unix modes.</summary>
    private static void SetMode(string path, UnixFileMode mode)
    {
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static void MakeFifo(string path)
    {
        using (var mkfifo = Process.Start("mkfifo", ["-m", "666", path]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
    }
}
