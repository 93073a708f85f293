using Microsoft.Data.Sqlite;
using Vigil.Detect.Rules;
using Vigil.Serve;

namespace Vigil.Store.Scheduler;

/// <summary>The <c>rules</c> table: which rules exist, whether they run, and their version and revision.</summary>
internal sealed class RuleRegistryTable(SqliteConnection connection)
{
    public IReadOnlyList<RegisteredRule> All()
    {
        using var command = connection.Command(
            "SELECT rule_uuid, rule_id, name, enabled, version, revision, source_file, content_hash FROM rules ORDER BY name");
        using var reader = command.ExecuteReader();
        var rules = new List<RegisteredRule>();
        while (reader.Read())
        {
            rules.Add(new RegisteredRule(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3) != 0,
                reader.GetInt32(4),
                reader.GetInt32(5),
                reader.NullableString(6),
                reader.GetString(7)));
        }

        return rules;
    }

    public RegisteredRule Register(DetectionRule rule, string contentHash)
    {
        var existing = All().FirstOrDefault(r => r.RuleUuid == rule.Uuid);
        var revision = 0;
        if (existing is not null)
        {
            revision = existing.ContentHash == contentHash ? existing.Revision : existing.Revision + 1;
        }

        var enabled = existing?.Enabled ?? rule.Enabled;
        connection.Execute(
            """
            INSERT INTO rules (rule_uuid, rule_id, name, enabled, version, revision, source_file, content_hash)
            VALUES ($uuid, $ruleId, $name, $enabled, $version, $revision, $source, $hash)
            ON CONFLICT (rule_uuid) DO UPDATE SET rule_id = $ruleId, name = $name, version = $version,
                revision = $revision, source_file = $source, content_hash = $hash
            """,
            ("$uuid", rule.Uuid),
            ("$ruleId", rule.RuleId),
            ("$name", rule.Name),
            ("$enabled", enabled ? 1 : 0),
            ("$version", rule.Version),
            ("$revision", revision),
            ("$source", rule.SourcePath),
            ("$hash", contentHash));
        return new RegisteredRule(rule.Uuid, rule.RuleId, rule.Name, enabled, rule.Version, revision, rule.SourcePath, contentHash);
    }

    /// <summary>
    /// Deletes the registrations <paramref name="ruleUuids"/> with their state, coverage ledger and
    /// uncovered ranges. Their execution log entries and alerts stay, because alerts carry the
    /// <c>rule_id</c> and the saved-object id they were written with.
    /// </summary>
    public void Remove(IEnumerable<string> ruleUuids)
    {
        foreach (var uuid in ruleUuids)
        {
            foreach (var table in (string[])["rule_uncovered", "rule_coverage", "rule_state", "rules"])
            {
                connection.Execute($"DELETE FROM {table} WHERE rule_uuid = $uuid", ("$uuid", uuid));
            }
        }
    }

    public void SetEnabled(string ruleUuid, bool enabled) =>
        connection.Execute("UPDATE rules SET enabled = $enabled WHERE rule_uuid = $uuid", ("$enabled", enabled ? 1 : 0), ("$uuid", ruleUuid));
}
