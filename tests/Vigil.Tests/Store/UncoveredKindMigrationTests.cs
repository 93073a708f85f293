using Microsoft.Data.Sqlite;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

/// <summary>Schema step 6 gives the uncovered ranges that version 5 stored their kind and count.</summary>
public sealed class UncoveredKindMigrationTests
{
    [Theory]
    [InlineData("max_signals (2) reached at 2026-12-05T10:50:46.934Z: 3 matches were not alerted", 0, "max_signals", 3)]
    [InlineData("the rule was disabled", 0, "disabled", 0)]
    [InlineData("the backfill search failed: database is locked", 1, "search_failed", 0)]
    [InlineData("older than the event retention (30 days) before it could be searched", 0, "expired", 0)]
    public void Open_Version5Row_GetsKindAndCount(string reason, int willRetry, string kind, long notAlerted)
    {
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        Directory.CreateDirectory(data);
        using (var connection = Connect(data))
        {
            MigrationRunner.Migrate(connection, MigrationList.All.Take(5).ToList());
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO rule_uncovered (rule_uuid, from_ms, to_ms, reason, will_retry) VALUES ('r', 1, 2, $reason, $retry)";
            insert.Parameters.AddWithValue("$reason", reason);
            insert.Parameters.AddWithValue("$retry", willRetry);
            insert.ExecuteNonQuery();
        }

        using var store = VigilStore.Open(data);
        using var read = store.OpenConnection();
        using var command = read.CreateCommand();
        command.CommandText = "SELECT kind, not_alerted FROM rule_uncovered";
        using var reader = command.ExecuteReader();

        Assert.True(reader.Read());
        Assert.Equal(kind, reader.GetString(0));
        Assert.Equal(notAlerted, reader.GetInt64(1));
    }

    private static SqliteConnection Connect(string data)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(data, VigilStore.DatabaseFileName)};Pooling=false");
        connection.Open();
        return connection;
    }
}
