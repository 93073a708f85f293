using Microsoft.Data.Sqlite;
using Vigil.Read;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

/// <summary>Schema step 5 copies <c>events</c> into a table with time-ordered indexes.</summary>
public sealed class EventIndexMigrationTests
{
    private const string EcsDocument = """{"@timestamp":"2026-12-01T10:00:00.000Z","event":{"id":"old","action":"AssumeRole","ingested":"2026-12-01T12:00:00.000Z"}}""";

    private static readonly DateTimeOffset Ingested = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Open_Version4Store_KeepsEvents()
    {
        using var fixture = Version4Store.Create(3);

        using var store = VigilStore.Open(fixture.DataDirectory);

        Assert.Equal(MigrationList.All.Count, store.SchemaVersion);
        Assert.Equal(4, store.CountEvents());
    }

    [Fact]
    public void Open_Version4Store_KeepsDocuments()
    {
        using var fixture = Version4Store.Create(3);

        using var store = VigilStore.Open(fixture.DataDirectory);
        var events = store.ReadEventsAfter(0).ToList();

        Assert.Equal(EcsDocument, events[0].Document.Root.ToJsonString());
        Assert.Equal(["old", "e0", "e1", "e2"], events.Select(e => e.EventId));
        Assert.Equal("e2", events[3].Document.FieldValues("event.id").Single()!.GetValue<string>());
    }

    [Fact]
    public void Open_Version4Store_KeepsSequenceOfDeletedEvent()
    {
        using var fixture = Version4Store.Create(3);
        fixture.Execute("DELETE FROM events WHERE id = (SELECT max(id) FROM events)");

        using var store = VigilStore.Open(fixture.DataDirectory);

        Assert.Equal(4, store.LatestSequence());
    }

    [Fact]
    public void Open_Version4Store_NewEventsFollowOldIds()
    {
        using var fixture = Version4Store.Create(3);
        fixture.Execute("DELETE FROM events WHERE id = (SELECT max(id) FROM events)");

        using var store = VigilStore.Open(fixture.DataDirectory);
        new EventIngester(store).IngestFile(fixture.WriteFile("new.json", StoreFixture.Records(1, firstIndex: 10)), TestContext.Current.CancellationToken);

        Assert.Equal(5, store.ReadEventsAfter(0).Last().Sequence);
    }

    [Fact]
    public void Ingest_AfterUpgrade_FindsOldDuplicates()
    {
        using var fixture = Version4Store.Create(3);

        using var store = VigilStore.Open(fixture.DataDirectory);
        var result = new EventIngester(store).IngestFile(fixture.WriteFile("again.json", StoreFixture.Records(3)), TestContext.Current.CancellationToken);

        Assert.Equal(0, result.Stored);
        Assert.Equal(3, result.Duplicates);
    }

    [Fact]
    public void Open_Version4Store_DropsOldIndexes()
    {
        using var fixture = Version4Store.Create(0);

        using var store = VigilStore.Open(fixture.DataDirectory);
        using var connection = store.OpenConnection();
        var indexes = StoreCommands.Scalar(connection, null, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' ORDER BY name)");

        Assert.Equal("events_content events_ingested_candidates events_timestamp_candidates", indexes);
    }

    /// <summary>
    /// A store as schema version 4 left it: one ECS document row without a content hash, then
    /// <c>count</c> raw records of <see cref="StoreFixture.Records"/> as ingest stored them.
    /// </summary>
    private sealed class Version4Store : IDisposable
    {
        private readonly TempDirectory _directory = new();

        public string DataDirectory => Path.Combine(_directory.Path, "data");

        public static Version4Store Create(int count)
        {
            var store = new Version4Store();
            Directory.CreateDirectory(store.DataDirectory);
            using var connection = store.Connect();
            MigrationRunner.Migrate(connection, MigrationList.All.Take(4).ToList());
            Insert(connection, "'logs-aws.cloudtrail-default', 1764583200000, 1764590400000, 'old', 'sts.amazonaws.com', 'AssumeRole', NULL, $document, 0", EcsDocument);
            foreach (var record in StoreFixture.Records(count))
            {
                InsertRaw(connection, record);
            }

            return store;
        }

        public void Execute(string sql)
        {
            using var connection = Connect();
            StoreCommands.Execute(connection, null, sql);
        }

        public string WriteFile(string name, IEnumerable<string> lines)
        {
            var path = Path.Combine(_directory.Path, name);
            File.WriteAllLines(path, lines);
            return path;
        }

        public void Dispose() => _directory.Dispose();

        private SqliteConnection Connect()
        {
            var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, VigilStore.DatabaseFileName)};Pooling=false");
            connection.Open();
            return connection;
        }

        private static void InsertRaw(SqliteConnection connection, string record)
        {
            var json = System.Text.Encoding.UTF8.GetBytes(record);
            Assert.True(new RecordScanner().TryScan(json, out var facts));
            Assert.True(RawEventRow.TryCreate(facts, Ingested.ToUnixTimeMilliseconds(), out var row));
            Insert(connection, "$dataStream, $timestamp, $ingested, $eventId, $provider, $action, $hash, $document, 1", json, row);
        }

        private static void Insert(SqliteConnection connection, string values, object document, EventRow? row = null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO events (data_stream, timestamp, ingested, event_id, provider, action, content_hash, document, format) VALUES ({values})";
            command.Parameters.AddWithValue("$document", document);
            if (row is not null)
            {
                command.Parameters.AddWithValue("$dataStream", row.DataStream);
                command.Parameters.AddWithValue("$timestamp", row.Timestamp);
                command.Parameters.AddWithValue("$ingested", row.Ingested);
                command.Parameters.AddWithValue("$eventId", row.EventId);
                command.Parameters.AddWithValue("$provider", row.Provider);
                command.Parameters.AddWithValue("$action", row.Action);
                command.Parameters.AddWithValue("$hash", HashBytes(row.ContentHash!.Value));
            }

            command.ExecuteNonQuery();
        }

        // Big-endian, as ingest stores the hash.
        private static byte[] HashBytes(UInt128 hash)
        {
            var bytes = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
            return bytes;
        }
    }
}
