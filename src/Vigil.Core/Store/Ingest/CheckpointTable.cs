using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>Reads and writes rows of <c>ingest_checkpoints</c>.</summary>
internal static class CheckpointTable
{
    public static IngestCheckpoint? Find(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT segment_start, segment_end, items_done, complete, fingerprint, not_cloudtrail FROM ingest_checkpoints WHERE path = $path";
        command.Parameters.AddWithValue("$path", path);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var notCloudTrail = reader.IsDBNull(5) ? null : reader.GetString(5);
        return new IngestCheckpoint(path, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3) != 0, (byte[])reader.GetValue(4), notCloudTrail);
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the row still equals <paramref name="previous"/> (or is
    /// absent when it is <c>null</c>), and returns whether it did. A <c>false</c> means another
    /// process moved the checkpoint, so this one must not commit its batch.
    /// </summary>
    public static bool TryAdvance(SqliteConnection connection, SqliteTransaction transaction, IngestCheckpoint? previous, IngestCheckpoint next, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = previous is null
            ? """
              INSERT INTO ingest_checkpoints (path, segment_start, segment_end, items_done, complete, fingerprint, not_cloudtrail, updated)
              VALUES ($path, $start, $end, $items, $complete, $fingerprint, $notCloudTrail, $now)
              ON CONFLICT (path) DO NOTHING
              """
            : """
              UPDATE ingest_checkpoints
              SET segment_start = $start, segment_end = $end, items_done = $items, complete = $complete, fingerprint = $fingerprint, not_cloudtrail = $notCloudTrail, updated = $now
              WHERE path = $path AND segment_start = $oldStart AND segment_end = $oldEnd AND items_done = $oldItems AND complete = $oldComplete
              """;
        command.Parameters.AddWithValue("$path", next.Path);
        command.Parameters.AddWithValue("$start", next.SegmentStart);
        command.Parameters.AddWithValue("$end", next.SegmentEnd);
        command.Parameters.AddWithValue("$items", next.ItemsDone);
        command.Parameters.AddWithValue("$complete", next.Complete ? 1 : 0);
        command.Parameters.AddWithValue("$fingerprint", next.Fingerprint);
        command.Parameters.AddWithValue("$notCloudTrail", (object?)next.NotCloudTrail ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now);
        if (previous is not null)
        {
            command.Parameters.AddWithValue("$oldStart", previous.SegmentStart);
            command.Parameters.AddWithValue("$oldEnd", previous.SegmentEnd);
            command.Parameters.AddWithValue("$oldItems", previous.ItemsDone);
            command.Parameters.AddWithValue("$oldComplete", previous.Complete ? 1 : 0);
        }

        return command.ExecuteNonQuery() == 1;
    }
}
