using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Cli;
using Vigil.Detect.Rules;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// The hunt's table lists alerts by their source event's time, oldest first, as an incident
/// responder reads a timeline. Alerts of one time keep the input order, alerts of events without a
/// time come last, and a table of more than 1,000 alerts keeps the oldest. NDJSON keeps the input order.
/// </summary>
public partial class HuntTableOrderTests
{
    [Fact]
    public void Table_ListsOldestFirst()
    {
        using var temp = new TempDirectory();
        var file = WriteRecords(temp, (5, null), (1, "10:05:00"), (2, "10:01:00"), (3, "10:03:00"), (4, "10:01:00"));

        var result = Hunt(file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([2, 4, 3, 1, 5], Roles(result.StandardOutput));
    }

    [Fact]
    public void Ndjson_KeepsInputOrder()
    {
        using var temp = new TempDirectory();
        var file = WriteRecords(temp, (5, null), (1, "10:05:00"), (2, "10:01:00"), (3, "10:03:00"), (4, "10:01:00"));

        var result = Hunt(file, "--format", "ndjson");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([5, 1, 2, 3, 4], Roles(result.StandardOutput));
    }

    [Fact]
    public void MoreThanMaxRows_KeepsOldest()
    {
        using var temp = new TempDirectory();
        var count = AlertTable.MaxRows + 5;
        var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        // Newest first in the file, so the oldest alerts are the last the hunt writes.
        var records = Enumerable.Range(1, count)
            .Select(index => (index, (string?)start.AddSeconds(count - index).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        var result = Hunt(WriteRecords(temp, records));
        var roles = Roles(result.StandardOutput);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(AlertTable.MaxRows, roles.Count);
        Assert.Equal(count, roles[0]);
        Assert.Equal(6, roles[^1]);
        Assert.Equal(roles.OrderDescending(), roles);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Showing the oldest {AlertTable.MaxRows:N0} of {count:N0} alerts"), result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void FullTable_SameTime_KeepsFirstWritten()
    {
        var table = new AlertTable();

        for (var index = 0; index <= AlertTable.MaxRows; index++)
        {
            table.Write(BuiltInRules.All[0], Alert($"user-{index}", "2026-12-01T10:00:00.000Z"));
        }

        table.Write(BuiltInRules.All[0], Alert("older", "2026-12-01T09:59:59.999Z"));
        var rows = table.OrderedRows();

        Assert.Equal(AlertTable.MaxRows, rows.Count);
        Assert.Equal("older", rows[0].User);
        Assert.Equal("user-0", rows[1].User);
        Assert.Equal($"user-{AlertTable.MaxRows - 2}", rows[^1].User);
    }

    [Fact]
    public void FullTable_TimedReplacesUntimed()
    {
        var table = new AlertTable();

        for (var index = 0; index < AlertTable.MaxRows; index++)
        {
            table.Write(BuiltInRules.All[0], Alert($"untimed-{index}", null));
        }

        table.Write(BuiltInRules.All[0], Alert("timed", "2030-01-01T00:00:00.000Z"));
        var rows = table.OrderedRows();

        Assert.Equal(AlertTable.MaxRows, rows.Count);
        Assert.Equal("timed", rows[0].User);
        Assert.Equal("untimed-0", rows[1].User);
        Assert.DoesNotContain(rows, row => row.User == $"untimed-{AlertTable.MaxRows - 1}");
    }

    /// <summary>Writes role-chaining records, each as (role index, time on 2026-12-01 or null for a record without <c>eventTime</c>).</summary>
    private static string WriteRecords(TempDirectory temp, params (int Index, string? Time)[] records)
    {
        var lines = records.Select(record =>
        {
            var json = RoleChaining.Record(record.Index, $"2026-12-01T{record.Time ?? "00:00:00"}Z");
            if (record.Time is null)
            {
                json.Remove("eventTime");
            }

            return json.ToJsonString();
        });
        var file = Path.Combine(temp.Path, "chains.ndjson");
        File.WriteAllLines(file, lines);
        return file;
    }

    private static CliRunner.CliResult Hunt(string file, params string[] options) =>
        CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = "200" }, ["hunt", file, .. options]);

    /// <summary>The index of each alert's role, which is its user, in output order.</summary>
    private static List<int> Roles(string output) =>
        [.. output.Split('\n').Select(line => RoleName().Match(line)).Where(match => match.Success).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    private static byte[] Alert(string user, string? originalTime)
    {
        var alert = new JsonObject { ["kibana.alert.rule.name"] = "rule", ["user.name"] = user };
        if (originalTime is not null)
        {
            alert["kibana.alert.original_time"] = originalTime;
        }

        return Encoding.UTF8.GetBytes(alert.ToJsonString());
    }

    // An NDJSON alert names the role in several fields, so only the first mention on a line counts.
    [GeneratedRegex(@"pipeline-role-(\d+)\b")]
    private static partial Regex RoleName();
}
