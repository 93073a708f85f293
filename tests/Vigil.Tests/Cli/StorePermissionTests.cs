using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A store command run as <c>nobody</c> on a data directory that only root may enter: the store
/// is there, so the error must name the permission, not a missing store.
/// </summary>
public sealed class StorePermissionTests : IDisposable
{
    private readonly CliStore _store = new();

    public void Dispose()
    {
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_store.Data, (UnixFileMode)0b111_101_101);
        }

        _store.Dispose();
    }

    [Theory]
    [InlineData("alerts", "list")]
    [InlineData("rules", "status")]
    [InlineData("alerts", "set-status", "0123456789ab", "closed")]
    public void LockedDirectoryNamesPermission(params string[] command)
    {
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_store.Folder, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(_store.Data, (UnixFileMode)0b111_000_000);
        }

        var result = UnprivilegedCli.Run(_store.Folder, [.. command, "--data", _store.Data]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--data: permission denied on {_store.Data}: this user cannot look up vigil.db in it.", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("no store in", result.StandardError, StringComparison.Ordinal);
    }
}
