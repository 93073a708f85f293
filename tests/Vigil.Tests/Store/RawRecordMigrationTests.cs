using Microsoft.Data.Sqlite;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

public sealed class RawRecordMigrationTests
{
    private const string Document = """{"@timestamp":"2026-12-01T10:00:00.000Z","event":{"id":"e1","action":"AssumeRole","ingested":"2026-12-01T12:00:00.000Z"}}""";

    [Fact]
    public void Open_Version2Store_ReachesNewestVersion()
    {
        using var directory = new TempDirectory();
        WriteVersion2Store(directory.Path);

        using var store = VigilStore.Open(directory.Path);

        Assert.Equal(MigrationList.All.Count, store.SchemaVersion);
    }

    [Fact]
    public void Open_Version2Store_ReadsOldDocument()
    {
        using var directory = new TempDirectory();
        WriteVersion2Store(directory.Path);

        using var store = VigilStore.Open(directory.Path);
        var stored = store.ReadEventsAfter(0).Single();

        Assert.Equal(Document, stored.Document.Root.ToJsonString());
    }

    /// <summary>A store as schema version 2 left it, with one event row holding an ECS document.</summary>
    private static void WriteVersion2Store(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "vigil.db")};Pooling=false");
        connection.Open();
        MigrationRunner.Migrate(connection, MigrationList.All.Take(2).ToList());
        StoreCommands.Execute(connection, null, $"""
            INSERT INTO events (data_stream, timestamp, ingested, event_id, provider, action, content_hash, document)
            VALUES ('logs-aws.cloudtrail-default', 1764583200000, 1764590400000, 'e1', 'sts.amazonaws.com', 'AssumeRole', NULL, '{Document}')
            """);
    }
}
