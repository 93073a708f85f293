using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Serve;

namespace Vigil.Store.Scheduler;

/// <summary>The <c>rule_executions</c> table; windows, warnings and gaps are JSON arrays.</summary>
internal sealed class ExecutionLogTable(SqliteConnection connection)
{
    private const string Columns = """
        id, rule_uuid, rule_id, execution_uuid, kind, started_at, ended_at, windows, status,
        events_searched, matches, alerts_created, duplicates_skipped, matches_not_alerted,
        late_events, duration_ms, warnings, gaps, error
        """;

    public void Append(ExecutionLogEntry entry) => connection.Execute(
        """
        INSERT INTO rule_executions (rule_uuid, rule_id, execution_uuid, kind, started_at, ended_at, windows,
            status, events_searched, matches, alerts_created, duplicates_skipped, matches_not_alerted,
            late_events, duration_ms, warnings, gaps, error)
        VALUES ($uuid, $ruleId, $execution, $kind, $started, $ended, $windows, $status, $searched, $matches,
            $created, $duplicates, $notAlerted, $late, $duration, $warnings, $gaps, $error)
        """,
        ("$uuid", entry.RuleUuid),
        ("$ruleId", entry.RuleId),
        ("$execution", entry.ExecutionUuid),
        ("$kind", entry.Kind.ToString()),
        ("$started", entry.StartedAt.ToUnixTimeMilliseconds()),
        ("$ended", entry.EndedAt.ToUnixTimeMilliseconds()),
        ("$windows", WindowsJson(entry.Windows)),
        ("$status", entry.Status),
        ("$searched", entry.EventsSearched),
        ("$matches", entry.Matches),
        ("$created", entry.AlertsCreated),
        ("$duplicates", entry.DuplicatesSkipped),
        ("$notAlerted", entry.MatchesNotAlerted),
        ("$late", entry.LateEvents),
        ("$duration", (long)entry.Duration.TotalMilliseconds),
        ("$warnings", new JsonArray([.. entry.Warnings.Select(w => JsonValue.Create(w))]).ToJsonString()),
        ("$gaps", GapsJson(entry.Gaps)),
        ("$error", entry.Error));

    public IReadOnlyList<ExecutionLogEntry> Read(string? ruleUuid, int limit)
    {
        using var command = ruleUuid is null
            ? connection.Command($"SELECT {Columns} FROM rule_executions ORDER BY id DESC LIMIT $limit", ("$limit", limit))
            : connection.Command(
                $"SELECT {Columns} FROM rule_executions WHERE rule_uuid = $uuid ORDER BY id DESC LIMIT $limit",
                ("$uuid", ruleUuid),
                ("$limit", limit));
        using var reader = command.ExecuteReader();
        var entries = new List<ExecutionLogEntry>();
        while (reader.Read())
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private static ExecutionLogEntry ReadEntry(SqliteDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        RuleUuid = reader.GetString(1),
        RuleId = reader.GetString(2),
        ExecutionUuid = reader.GetString(3),
        Kind = Enum.Parse<ExecutionKind>(reader.GetString(4)),
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        EndedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        Windows = ParseWindows(reader.GetString(7)),
        Status = reader.GetString(8),
        EventsSearched = reader.GetInt64(9),
        Matches = reader.GetInt64(10),
        AlertsCreated = reader.GetInt64(11),
        DuplicatesSkipped = reader.GetInt64(12),
        MatchesNotAlerted = reader.GetInt64(13),
        LateEvents = reader.GetInt64(14),
        Duration = TimeSpan.FromMilliseconds(reader.GetInt64(15)),
        Warnings = [.. JsonNode.Parse(reader.GetString(16))!.AsArray().Select(w => w!.GetValue<string>())],
        Gaps = ParseGaps(reader.GetString(17)),
        Error = reader.NullableString(18),
    };

    private static string WindowsJson(IReadOnlyList<TimeWindow> windows) =>
        new JsonArray([.. windows.Select(w => new JsonArray(w.FromMs, w.ToMs))]).ToJsonString();

    private static string GapsJson(IReadOnlyList<ExecutionGap> gaps) =>
        new JsonArray([.. gaps.Select(g => new JsonObject { ["from"] = g.Window.FromMs, ["to"] = g.Window.ToMs, ["reason"] = g.Reason })]).ToJsonString();

    private static TimeWindow[] ParseWindows(string json) =>
        [.. JsonNode.Parse(json)!.AsArray().Select(w => TimeWindow.FromMilliseconds(w![0]!.GetValue<long>(), w[1]!.GetValue<long>()))];

    private static ExecutionGap[] ParseGaps(string json) =>
        [.. JsonNode.Parse(json)!.AsArray().Select(g => new ExecutionGap(
            TimeWindow.FromMilliseconds(g!["from"]!.GetValue<long>(), g["to"]!.GetValue<long>()),
            g["reason"]!.GetValue<string>()))];
}
