using Microsoft.Data.Sqlite;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

/// <summary>Schema step 7 records a retention cutoff for a version 6 store whose retention already deleted events.</summary>
public sealed class RetentionCutoffMigrationTests
{
    [Fact]
    public void Open_Version6WithDeletedEvents_RecordsEarliestIngested()
    {
        using var directory = new TempDirectory();
        var data = Version6Store(directory, deleteFirst: true);

        using var store = VigilStore.Open(data);
        var cutoff = store.ReadRetentionCutoff();

        Assert.NotNull(cutoff);
        Assert.Equal(2000, cutoff.IngestedBeforeMs);
        Assert.Equal(2000, cutoff.MaxTimestampMs);
    }

    [Fact]
    public void Open_Version6WithNothingDeleted_RecordsNoCutoff()
    {
        using var directory = new TempDirectory();
        var data = Version6Store(directory, deleteFirst: false);

        using var store = VigilStore.Open(data);

        Assert.Null(store.ReadRetentionCutoff());
    }

    /// <summary>Creates a version 6 store with events ingested at 1000 and 2000 ms, the first deleted when asked.</summary>
    private static string Version6Store(TempDirectory directory, bool deleteFirst)
    {
        var data = Path.Combine(directory.Path, "data");
        Directory.CreateDirectory(data);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, VigilStore.DatabaseFileName)};Pooling=false");
        connection.Open();
        MigrationRunner.Migrate(connection, MigrationList.All.Take(6).ToList());
        StoreCommands.Execute(connection, null, """
            INSERT INTO events (data_stream, timestamp, ingested, document) VALUES ('logs-aws.cloudtrail-default', 500, 1000, '{}');
            INSERT INTO events (data_stream, timestamp, ingested, document) VALUES ('logs-aws.cloudtrail-default', 1500, 2000, '{}');
            """);
        if (deleteFirst)
        {
            StoreCommands.Execute(connection, null, "DELETE FROM events WHERE ingested < 2000");
        }

        return data;
    }
}
