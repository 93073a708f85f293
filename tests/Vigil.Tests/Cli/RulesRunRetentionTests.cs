using Microsoft.Data.Sqlite;
using Vigil.Store;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil rules run</c> clears a <c>max_signals</c> range on <c>@timestamp</c> that lies before
/// the latest <c>@timestamp</c> retention deleted, once every match in it has an alert, and
/// <c>vigil rules status</c> then lists no uncovered range.
/// </summary>
public class RulesRunRetentionTests
{
    [Fact]
    public void RulesRun_OlderThanDeletedTimestamp_ClearsRange()
    {
        using var store = new CliStore();
        var rule = store.WriteRule(
            "timestamp.toml",
            ("timestamp_override = \"event.ingested\"\n", ""),
            ("interval = \"5m\"", "interval = \"1h\""),
            ("max_signals = 100", "max_signals = 1"));
        RecordEarlierDeletion(store.Data);

        var first = store.Run("rules", "run", rule, "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-01T10:00:00Z");
        var listed = store.Run("rules", "status");
        var second = store.Run("rules", "run", rule, "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-01T10:00:00Z");
        var status = store.Run("rules", "status");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("max_signals (1) reached at ", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("later runs no longer reach it, because it ends before the rule's look-back (from now-6m); only 'vigil rules run' over it can clear it", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, status.ExitCode);
        Assert.DoesNotContain("uncovered", status.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// Records a deletion, as an earlier <c>ingest --retention</c> writes it, of events ingested a
    /// day before now whose latest <c>@timestamp</c> is after the samples' logs of 2026-12-01.
    /// </summary>
    private static void RecordEarlierDeletion(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, VigilStore.DatabaseFileName)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO event_retention (id, ingested_before, max_timestamp) VALUES (1, $cutoff, $latest)";
        command.Parameters.AddWithValue("$cutoff", DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$latest", new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }
}
