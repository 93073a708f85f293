using Microsoft.Data.Sqlite;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

public sealed class MigrationTests
{
    [Fact]
    public void Open_EmptyDirectory_ReachesNewestVersion()
    {
        using var fixture = new StoreFixture();

        Assert.Equal(MigrationList.All.Count, fixture.Store.SchemaVersion);
        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory, "vigil.db")));
    }

    [Fact]
    public void Open_EmptyDirectory_UsesWal()
    {
        using var fixture = new StoreFixture();
        using var connection = fixture.Store.OpenConnection();

        Assert.Equal("wal", StoreCommands.Scalar(connection, null, "PRAGMA journal_mode"));
    }

    [Fact]
    public void Reopen_KeepsVersionAndEvents()
    {
        using var fixture = new StoreFixture();
        new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", StoreFixture.Records(3)), TestContext.Current.CancellationToken);

        using var reopened = VigilStore.Open(fixture.DataDirectory);

        Assert.Equal(fixture.Store.SchemaVersion, reopened.SchemaVersion);
        Assert.Equal(3, reopened.CountEvents());
    }

    [Fact]
    public void Open_NewerSchema_Rejected()
    {
        using var fixture = new StoreFixture();
        using (var connection = fixture.Store.OpenConnection())
        {
            StoreCommands.Execute(connection, null, "PRAGMA user_version = 999");
        }

        var error = Assert.Throws<StoreException>(() => VigilStore.Open(fixture.DataDirectory));

        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_FailingStep_KeepsPreviousVersion()
    {
        using var directory = new TempDirectory();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "t.db")};Pooling=false");
        connection.Open();
        Migration[] steps =
        [
            Migration.Sql(1, "table a", "CREATE TABLE a (x INTEGER)"),
            Migration.Sql(2, "broken", "CREATE TABLE b (x INTEGER); CREATE TABLE a (y INTEGER)"),
        ];

        Assert.Throws<StoreException>(() => MigrationRunner.Migrate(connection, steps));

        Assert.Equal(1, MigrationRunner.CurrentVersion(connection));
        Assert.Null(StoreCommands.Scalar(connection, null, "SELECT name FROM sqlite_master WHERE name = 'b'"));
    }

    [Fact]
    public void Migrate_AppendedStep_AppliesOnlyIt()
    {
        using var directory = new TempDirectory();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "t.db")};Pooling=false");
        connection.Open();
        var first = Migration.Sql(1, "table a", "CREATE TABLE a (x INTEGER)");
        MigrationRunner.Migrate(connection, [first]);

        var version = MigrationRunner.Migrate(connection, [first, Migration.Sql(2, "table b", "CREATE TABLE b (x INTEGER)")]);

        Assert.Equal(2, version);
    }

    [Fact]
    public void Migrate_GapInVersions_Rejected()
    {
        using var directory = new TempDirectory();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "t.db")};Pooling=false");
        connection.Open();

        Assert.Throws<InvalidOperationException>(() => MigrationRunner.Migrate(connection, [Migration.Sql(2, "b", "SELECT 1")]));
    }
}
