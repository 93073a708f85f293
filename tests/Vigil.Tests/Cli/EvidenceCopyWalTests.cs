using Microsoft.Data.Sqlite;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// The read-only store commands on an evidence copy in a directory nobody may write, copied from a
/// store whose writer was killed: <c>vigil.db</c> with a non-empty <c>vigil.db-wal</c> and no
/// <c>vigil.db-shm</c>. SQLite reads the log only after it creates <c>vigil.db-shm</c>, and an
/// immutable open would skip the log's commits, so the commands must say how to read the copy.
/// </summary>
public sealed class EvidenceCopyWalTests : IDisposable
{
    private readonly CliStore _store = new();

    private readonly string _evidence;

    public EvidenceCopyWalTests()
    {
        _evidence = Path.Combine(_store.Folder, "evidence");
        Directory.CreateDirectory(_evidence);
        CopyWithWriteAheadLog(Path.Combine(_store.Data, "vigil.db"), _evidence);
        Assert.True(new FileInfo(Path.Combine(_evidence, "vigil.db-wal")).Length > 0);
        Assert.False(File.Exists(Path.Combine(_evidence, "vigil.db-shm")));
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_evidence, (UnixFileMode)0b101_101_101);
            File.SetUnixFileMode(_store.Folder, (UnixFileMode)0b111_101_101);
        }
    }

    [Theory]
    [InlineData("alerts", "list")]
    [InlineData("alerts", "show", "0123456789ab")]
    [InlineData("rules", "status")]
    public void ReadOnlyCommandNamesWriteAheadLog(params string[] command)
    {
        var result = UnprivilegedCli.Run(_store.Folder, [.. command, "--data", _evidence]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"The store {Path.Combine(_evidence, "vigil.db")} has a write-ahead log (vigil.db-wal) that SQLite can read only where it can create vigil.db-shm", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Copy the data directory to a writable place", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_evidence, "vigil.db-shm")));
    }

    public void Dispose()
    {
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_evidence, (UnixFileMode)0b111_101_101);
        }

        _store.Dispose();
    }

    /// <summary>
    /// Commits one change that stays in the write-ahead log, and copies the database and the log
    /// to <paramref name="directory"/> while the connection is open, because closing the last
    /// connection moves the log into the database and deletes it.
    /// </summary>
    private static void CopyWithWriteAheadLog(string database, string directory)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint = 0; CREATE TABLE wal_probe (x); INSERT INTO wal_probe VALUES (1);";
        command.ExecuteNonQuery();

        File.Copy(database, Path.Combine(directory, "vigil.db"));
        File.Copy(database + "-wal", Path.Combine(directory, "vigil.db-wal"));
    }
}
