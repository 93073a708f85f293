using System.Security.Cryptography;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// The commands that only read the store (<c>alerts list</c>, <c>alerts show</c>, <c>rules
/// status</c>) on a store their user cannot write, such as an evidence copy. They run as
/// <c>nobody</c>, because root writes a read-only file anyway.
/// </summary>
public sealed class ReadOnlyStoreTests : IDisposable
{
    private readonly CliStore _store = new();

    public ReadOnlyStoreTests()
    {
        var run = _store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now");
        Assert.Equal(0, run.ExitCode);

        // Stopping every connection checkpoints the WAL into vigil.db and removes -wal and -shm, as
        // a store copied after serve stopped has them.
        Assert.True(Directory.GetFiles(_store.Data).All(file => file.EndsWith("vigil.db", StringComparison.Ordinal)), string.Join(", ", Directory.GetFiles(_store.Data)));
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Path.Combine(_store.Data, "vigil.db"), ReadOnly);
            File.SetUnixFileMode(_store.Data, ReadOnly | AllExecute);
            File.SetUnixFileMode(_store.Folder, ReadOnly | AllExecute | UnixFileMode.UserWrite);
        }
    }

    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode AllExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [Fact]
    public void AlertsListReadsWithoutWriting()
    {
        var before = Hash();

        var result = UnprivilegedCli.Run(_store.Folder, "alerts", "list", "--data", _store.Data);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 alerts.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void AlertsShowReadsWithoutWriting()
    {
        var id = _store.Run("alerts", "list", "--format", "ndjson").StandardOutput.Split("\"kibana.alert.uuid\":\"")[1][..12];
        var before = Hash();

        var result = UnprivilegedCli.Run(_store.Folder, "alerts", "show", id, "--data", _store.Data);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"\"kibana.alert.uuid\": \"{id}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void RulesStatusReadsWithoutWriting()
    {
        var before = Hash();

        var result = UnprivilegedCli.Run(_store.Folder, "rules", "status", "--data", _store.Data);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(CliStore.RuleId, result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void SetStatusStillNeedsWriteAccess()
    {
        var id = _store.Run("alerts", "list", "--format", "ndjson").StandardOutput.Split("\"kibana.alert.uuid\":\"")[1][..12];

        var result = UnprivilegedCli.Run(_store.Folder, "alerts", "set-status", id, "closed", "--data", _store.Data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--data: permission denied on {Path.Combine(_store.Data, "vigil.db")} and on its directory {_store.Data}: this user can write neither", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_store.Data, ReadOnly | AllExecute | UnixFileMode.UserWrite);
        }

        _store.Dispose();
    }

    /// <summary>Returns a hash of every file in the data directory with its name, so that an added -wal or -shm file shows.</summary>
    private string Hash()
    {
        var files = Directory.GetFiles(_store.Data).Order(StringComparer.Ordinal);
        var text = string.Join("\n", files.Select(file => $"{Path.GetFileName(file)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))}"));
        return text;
    }
}
