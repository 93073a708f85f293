using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Each command that writes the store, run as <c>nobody</c> on a store that user cannot write:
/// it exits with 2 before it changes anything, and its error names the file or the directory that
/// lacks write permission in place of SQLite's "attempt to write a readonly database".
/// </summary>
public sealed class StoreWritePermissionTests : IDisposable
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode AllExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode AllWrite = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    // A command that succeeded would run serve until stopped, so every run has this limit.
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    private readonly CliStore _store = new();

    public enum Lock
    {
        File,
        Directory,
        Both,
    }

    public static TheoryData<string, Lock> Commands()
    {
        var data = new TheoryData<string, Lock>();
        foreach (var command in new[] { "ingest", "serve", "rules run", "rules enable", "rules disable", "alerts set-status" })
        {
            foreach (var locked in Enum.GetValues<Lock>())
            {
                data.Add(command, locked);
            }
        }

        return data;
    }

    private string Database => Path.Combine(_store.Data, "vigil.db");

    [Theory]
    [MemberData(nameof(Commands))]
    public void WritingCommandNamesLockedPart(string command, Lock locked)
    {
        var before = File.ReadAllBytes(Database);
        LockStore(locked);

        var result = UnprivilegedCli.RunFor(RunLimit, _store.Folder, [.. Arguments(command), "--data", _store.Data]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vigil {command}: --data: {ExpectedProblem(locked)}", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("readonly database", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["vigil.db"], Directory.GetFiles(_store.Data).Select(Path.GetFileName));
        Assert.Equal(before, File.ReadAllBytes(Database));
    }

    [Fact]
    public void LockedWriteAheadLogNamed()
    {
        // A store that root used last keeps root's -wal and -shm files where a reader left them.
        File.WriteAllBytes(Database + "-wal", []);
        File.WriteAllBytes(Database + "-shm", []);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Database + "-wal", ReadOnly | UnixFileMode.UserWrite);
            File.SetUnixFileMode(Database + "-shm", ReadOnly | UnixFileMode.UserWrite);
            File.SetUnixFileMode(Database, ReadOnly | AllWrite);
            File.SetUnixFileMode(_store.Data, ReadOnly | AllExecute | AllWrite);
            File.SetUnixFileMode(_store.Folder, ReadOnly | AllExecute | UnixFileMode.UserWrite);
        }

        var result = UnprivilegedCli.Run(_store.Folder, "rules", "disable", CliStore.RuleId, "--data", _store.Data);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vigil rules disable: --data: permission denied on {Database}-wal: this user cannot write the store's write-ahead log", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void UncreatableDataDirectoryNamesParent()
    {
        var locked = UnprivilegedCli.LockedFolder(_store.Folder);
        var data = Path.Combine(locked, "data");

        var result = UnprivilegedCli.Run(_store.Folder, "ingest", RepoPaths.Samples, "--data", data);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"vigil ingest: --data: permission denied on {locked}: this user cannot create the data directory {data} under it.", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    public void Dispose()
    {
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_store.Data, ReadOnly | AllExecute | UnixFileMode.UserWrite);
        }

        _store.Dispose();
    }

    private static string[] Arguments(string command) => command switch
    {
        "ingest" => ["ingest", RepoPaths.Samples],
        "serve" => ["serve", "--watch", RepoPaths.Samples, "--poll", "1s"],
        "rules run" => ["rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now"],
        "alerts set-status" => ["alerts", "set-status", "0123456789ab", "closed"],
        _ => [.. command.Split(' '), CliStore.RuleId],
    };

    /// <summary>
    /// Takes write permission from nobody on the store file, the data directory or both. Nobody
    /// may still read and enter both. Root owns them, so a mode of 0666 or 0777 gives nobody write
    /// permission.
    /// </summary>
    private void LockStore(Lock locked)
    {
        var fileMode = locked == Lock.Directory ? ReadOnly | AllWrite : ReadOnly;
        var directoryMode = locked == Lock.File ? ReadOnly | AllExecute | AllWrite : ReadOnly | AllExecute;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Database, fileMode);
            File.SetUnixFileMode(_store.Data, directoryMode);
            File.SetUnixFileMode(_store.Folder, ReadOnly | AllExecute | UnixFileMode.UserWrite);
        }
    }

    private string ExpectedProblem(Lock locked) => locked switch
    {
        Lock.File => $"permission denied on {Database}: this user cannot write the store file.",
        Lock.Directory => $"permission denied on {_store.Data}: this user cannot create files in the data directory, and SQLite must create vigil.db-wal and vigil.db-shm there",
        _ => $"permission denied on {Database} and on its directory {_store.Data}: this user can write neither",
    };
}
