using Microsoft.Data.Sqlite;

namespace Vigil.Store;

/// <summary>Builds the SQL that lists alerts for an <see cref="AlertFilter"/>.</summary>
internal static class AlertListSql
{
    public static void Build(SqliteCommand command, AlertFilter filter)
    {
        var conditions = new List<string>();
        Add(command, conditions, "rule_id = $rule", "$rule", filter.RuleId);
        Add(command, conditions, "severity = $severity", "$severity", filter.Severity);
        Add(command, conditions, "status = $status", "$status", filter.Status is { } status ? AlertStatusText.Format(status) : null);
        Add(command, conditions, "created >= $since", "$since", filter.Since is { } since ? StoreTime.ToMillisecondsCeiling(since) : null);

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var limit = filter.Limit is { } max ? " LIMIT " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        command.CommandText = $"SELECT id, rule_id, severity, status, created, document FROM alerts{where} ORDER BY created, id{limit}";
    }

    private static void Add(SqliteCommand command, List<string> conditions, string condition, string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        conditions.Add(condition);
        command.Parameters.AddWithValue(name, value);
    }
}
