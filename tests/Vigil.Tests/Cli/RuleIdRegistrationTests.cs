using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// The store registers one rule per rule_id, as Kibana keeps one. A Kibana export with another
/// saved-object id replaces the registration of its rule_id and keeps that registration's id. A
/// registered file is read at the newest revision of the rule_id in it.
/// </summary>
public class RuleIdRegistrationTests
{
    private const string OtherId = "3b1c4e9e-0d7e-11ef-9a1b-0242ac120002";
    private const string Updated = "2025-03-01T10:00:00.000Z";

    [Fact]
    public void NewerExportWithOtherIdReplacesRegistration()
    {
        using var store = new CliStore();
        var toml = store.WriteRule("rule.toml");
        var export = WriteExport(store, "kib.ndjson", Revision(store, version: 5, id: OtherId));
        Assert.Equal(0, RunFile(store, toml).ExitCode);
        var tomlUuid = Assert.Single(Rows(store)).Uuid;

        var run = RunFile(store, export);

        var row = Assert.Single(Rows(store));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("alerts created 0, duplicates 3", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(tomlUuid, row.Uuid);
        Assert.Equal(export, row.SourceFile);
        Assert.Equal(5, row.Version);
        Assert.Equal(3, AlertCount(store));
        Assert.Equal(0, store.Run("rules", "disable", CliStore.RuleId).ExitCode);
    }

    [Fact]
    public void OlderExportWithOtherIdIsRejected()
    {
        using var store = new CliStore();
        var toml = store.WriteRule("rule.toml", ("version = 2", "version = 5"));
        var export = WriteExport(store, "kib.ndjson", Revision(store, version: 1, id: OtherId));
        Assert.Equal(0, RunFile(store, toml).ExitCode);

        var run = RunFile(store, export);

        var row = Assert.Single(Rows(store));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"vigil rules run: rule {CliStore.RuleId}: file not registered: {export}(1) (version 1, updated {Updated}) is an older revision than the registered revision from {toml} (version 5), because version 5 is higher than 1.", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--help", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(toml, row.SourceFile);
        Assert.Equal(3, AlertCount(store));
    }

    [Fact]
    public void DuplicateRegistrationsGiveClearError()
    {
        using var store = new CliStore();
        var (toml, export) = RegisterTwice(store);

        var disable = store.Run("rules", "disable", CliStore.RuleId);
        var byName = store.Run("rules", "run", CliStore.RuleName, "--from", "now-1h", "--to", "now");
        var status = store.Run("rules", "status");

        Assert.Equal(1, disable.ExitCode);
        Assert.Contains($"rule_id {CliStore.RuleId} is registered 2 times, from ", disable.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{export} (id {OtherId}, version 5)", disable.StandardError, StringComparison.Ordinal);
        Assert.Contains($"{toml} (id ", disable.StandardError, StringComparison.Ordinal);
        Assert.Contains($"'vigil rules enable {export}'", disable.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("rule_id values", disable.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, byName.ExitCode);
        Assert.Contains($"rule_id {CliStore.RuleId} is registered 2 times", byName.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"registered: {export} (version 5, updated {Updated}), id {OtherId}", status.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, Rows(store).Count);
        Assert.All(Rows(store), row => Assert.True(row.Enabled));
    }

    [Theory]
    [InlineData("240")]
    [InlineData("60")]
    public void DuplicateRegistrationsCountOwnAlerts(string columns)
    {
        using var store = new CliStore();
        RegisterTwice(store);
        var environment = new Dictionary<string, string?> { ["COLUMNS"] = columns };

        var before = CliRunner.RunWithEnvironment(environment, "rules", "status", "--data", store.Data);
        var run = store.Run("rules", "run", OtherId, "--from", "now-1h", "--to", "now");
        var after = CliRunner.RunWithEnvironment(environment, "rules", "status", "--data", store.Data);

        var alertsBefore = AlertsByVersion(before.StandardOutput);
        var alertsAfter = AlertsByVersion(after.StandardOutput);
        Assert.Equal(0, before.ExitCode);
        Assert.Equal(2, alertsBefore.Count);
        Assert.Equal("3", alertsBefore["2"]);
        Assert.Equal("0", alertsBefore["5"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(6, AlertCount(store));
        Assert.Equal("3", alertsAfter["2"]);
        Assert.Equal("3", alertsAfter["5"]);
    }

    [Fact]
    public void RegisteringFileMergesDuplicates()
    {
        using var store = new CliStore();
        var (_, export) = RegisterTwice(store);

        var enable = store.Run("rules", "enable", export);

        var row = Assert.Single(Rows(store));
        Assert.Equal(0, enable.ExitCode);
        Assert.Equal(OtherId, row.Uuid);
        Assert.Equal(export, row.SourceFile);
        Assert.Equal(3, AlertCount(store));
    }

    [Fact]
    public void TwoRevisionExportRunsNewestByRuleId()
    {
        using var store = new CliStore();
        var older = Revision(store, version: 1, id: null);
        var newer = Revision(store, version: 2, id: null);
        newer["query"] = "event.action:NeverMatches";
        var export = WriteExport(store, "revisions.ndjson", older, newer);
        Assert.Contains("matches 0,", RunFile(store, export).StandardOutput, StringComparison.Ordinal);

        var run = store.Run("rules", "run", CliStore.RuleId, "--from", "now-1h", "--to", "now");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("matches 0,", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, AlertCount(store));
        Assert.Equal(2, Assert.Single(Rows(store)).Version);
    }

    [Fact]
    public void OlderFileRejectedAgainstTwoRevisionExport()
    {
        using var store = new CliStore();
        var export = WriteExport(store, "revisions.ndjson", Revision(store, version: 1, id: null), Revision(store, version: 2, id: null));
        var older = WriteExport(store, "older.ndjson", Revision(store, version: 1, id: null));
        Assert.Equal(0, RunFile(store, export).ExitCode);

        var run = RunFile(store, older);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"is an older revision than the registered revision from {export}(2) (version 2", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(export, Assert.Single(Rows(store)).SourceFile);
    }

    [Fact]
    public void ServeLogsTrueOrderWithoutDuplicate()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the test stops vigil serve with SIGTERM");
        using var store = new CliStore();
        var export = WriteExport(store, "kib.ndjson", Revision(store, version: 5, id: OtherId));
        Assert.Equal(0, store.Run("rules", "enable", export).ExitCode);

        using (var serve = ServeProcess.Start("--data", store.Data, "--poll", "200ms"))
        {
            Assert.True(Eventually.True(() => serve.StandardError.Contains("vigil serve started", StringComparison.Ordinal), TimeSpan.FromSeconds(90)), serve.StandardError);
            Assert.True(serve.Terminate(TimeSpan.FromSeconds(30)), "vigil serve did not stop on SIGTERM");

            Assert.Contains(
                $"Registered rule revision replaced: rule {CliStore.RuleId}: the older revision from the built-in rule (version 2) replaces the registered revision from {export}(1) (version 5, updated {Updated}), which is newer because version 5 is higher than 2.",
                serve.StandardError,
                StringComparison.Ordinal);
        }

        var row = Assert.Single(Rows(store));
        Assert.Equal(OtherId, row.Uuid);
        Assert.Null(row.SourceFile);
        Assert.Equal(2, row.Version);
    }

    [Fact]
    public void StatusShowsFileAndVersion()
    {
        using var store = new CliStore();
        var export = WriteExport(store, "kib.ndjson", Revision(store, version: 5, id: OtherId));
        Assert.Equal(0, RunFile(store, export).ExitCode);

        var status = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = "240" }, "rules", "status", "--data", store.Data);

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("│ Version │", status.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"│\s+5\s+│", status.StandardOutput);
        Assert.Contains($"  registered: {export} (version 5, updated {Updated}), id {OtherId}", status.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusLeavesUnsetVersionBlank()
    {
        using var store = new CliStore();
        var toml = store.WriteRule("unversioned.toml", ("\nversion = 2\n", "\n"));
        Assert.Equal(0, store.Run("rules", "enable", toml).ExitCode);

        var status = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = "240" }, "rules", "status", "--data", store.Data);

        Assert.Equal(0, status.ExitCode);
        Assert.Matches($@"│ {CliStore.RuleId} │\s+│ yes", status.StandardOutput);
    }

    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    public void ReplaceWithRuleIdIsUsageError(string command)
    {
        using var store = new CliStore();
        Assert.Equal(0, store.Run("rules", "enable", CliStore.RuleId).ExitCode);

        var result = store.Run("rules", command, CliStore.RuleId, "--replace");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigil rules {command}: --replace: \"{CliStore.RuleId}\" is not a rule file", result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"Run 'vigil rules {command} --help' for usage.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyStatusNamesEveryRegisteringCommand()
    {
        using var store = new CliStore();

        var status = store.Run("rules", "status");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("'vigil rules run FILE' and 'vigil rules enable FILE' register", status.StandardOutput, StringComparison.Ordinal);
    }

    private static CliRunner.CliResult RunFile(CliStore store, string file) =>
        store.Run("rules", "run", file, "--from", "now-1h", "--to", "now");

    /// <summary>Returns the built-in rule as one line of a Kibana export, at <paramref name="version"/> and with <paramref name="id"/> when given.</summary>
    private static JsonObject Revision(CliStore store, int version, string? id)
    {
        var toml = store.WriteRule($"source-{Guid.NewGuid():N}.toml");
        var converted = CliRunner.Run("rules", "convert", toml, "--to", "kibana-ndjson", "--output", "-");
        Assert.Equal(0, converted.ExitCode);
        File.Delete(toml);
        var rule = JsonNode.Parse(converted.StandardOutput.Split('\n')[0])!.AsObject();
        rule["version"] = version;
        if (id is not null)
        {
            rule["id"] = id;
            rule["updated_at"] = Updated;
        }

        return rule;
    }

    private static string WriteExport(CliStore store, string name, params JsonObject[] rules)
    {
        var path = Path.Combine(store.Folder, name);
        File.WriteAllLines(path, rules.Select(rule => rule.ToJsonString()));
        return path;
    }

    /// <summary>Registers the rule from a TOML file, and then from an export with its own id as an older Vigil did: as a second registration.</summary>
    private static (string Toml, string Export) RegisterTwice(CliStore store)
    {
        var toml = store.WriteRule("rule.toml");
        var export = WriteExport(store, "kib.ndjson", Revision(store, version: 5, id: OtherId));
        Assert.Equal(0, RunFile(store, toml).ExitCode);
        AddLegacyRow(store, OtherId, export, version: 5);
        return (toml, export);
    }

    /// <summary>
    /// Returns the Alerts value of each rule in <c>rules status</c> output by its Version value, from
    /// the table, or from the labelled lines of each block on a narrow terminal.
    /// </summary>
    private static Dictionary<string, string> AlertsByVersion(string status)
    {
        var lines = status.Split('\n');
        var header = lines.FirstOrDefault(line => line.Contains("│ Alerts │", StringComparison.Ordinal));
        if (header is null)
        {
            var versions = Labelled(lines, "Version");
            var alerts = Labelled(lines, "Alerts");
            Assert.Equal(versions.Count, alerts.Count);
            return versions.Zip(alerts).ToDictionary(pair => pair.First, pair => pair.Second);
        }

        var headers = header.Split('│').Select(cell => cell.Trim()).ToList();
        var rows = lines.Where(line => line.Contains($"│ {CliStore.RuleId} │", StringComparison.Ordinal)).Select(line => line.Split('│'));
        return rows.ToDictionary(row => row[headers.IndexOf("Version")].Trim(), row => row[headers.IndexOf("Alerts")].Trim());
    }

    private static List<string> Labelled(string[] lines, string label) =>
        [.. lines.Where(line => line.StartsWith(label + " ", StringComparison.Ordinal)).Select(line => line[label.Length..].Trim())];

    /// <summary>Adds a second registration of the rule_id, as an older Vigil wrote for an export with its own id.</summary>
    private static void AddLegacyRow(CliStore store, string uuid, string file, int version)
    {
        using var connection = Open(store);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO rules (rule_uuid, rule_id, name, enabled, version, revision, source_file, content_hash)
            VALUES ($uuid, $ruleId, $name, 1, $version, 0, $file, 'legacy')
            """;
        command.Parameters.AddWithValue("$uuid", uuid);
        command.Parameters.AddWithValue("$ruleId", CliStore.RuleId);
        command.Parameters.AddWithValue("$name", CliStore.RuleName);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$file", file);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static List<(string Uuid, string? SourceFile, int Version, bool Enabled)> Rows(CliStore store)
    {
        using var connection = Open(store);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT rule_uuid, source_file, version, enabled FROM rules WHERE rule_id = $ruleId";
        command.Parameters.AddWithValue("$ruleId", CliStore.RuleId);
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string?, int, bool)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3) != 0));
        }

        return rows;
    }

    private static long AlertCount(CliStore store)
    {
        using var connection = Open(store);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM alerts";
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(CliStore store)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(store.Data, VigilStore.DatabaseFileName)};Pooling=false");
        connection.Open();
        return connection;
    }
}
