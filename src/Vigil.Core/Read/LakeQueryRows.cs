using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Turns CloudTrail Lake query results (the <c>QueryResultRows</c> of <c>GetQueryResults</c>: each
/// row a list of one-column objects with string values) into records.
/// </summary>
/// <remarks>
/// Column values are strings. A value that is a JSON object or array in text is parsed, so a
/// <c>SELECT *</c> row gives nested fields back. <c>eventTime</c> in Lake's
/// <c>yyyy-MM-dd HH:mm:ss.SSS</c> form becomes ISO 8601 UTC, and <c>readOnly</c> and
/// <c>managementEvent</c> become booleans, as in a trail's records. A row of a projection keeps
/// only the selected columns.
/// </remarks>
internal static class LakeQueryRows
{
    private static readonly string[] LakeTimeFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"];

    private static readonly string[] BooleanColumns = ["readOnly", "managementEvent"];

    // NOTE: Rows were checked against the GetQueryResults API reference only. How Lake renders
    // struct columns such as userIdentity in text was not checked against a real export, and
    // a value that is not JSON text stays a string.
    public static IEnumerable<ReadItem> Expand(JsonArray rows, string file, string location)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var where = $"{location}, row {i + 1}";
            yield return rows[i] is JsonArray columns
                ? RecordEnvelopes.Classify(Record(columns), file, where)
                : new ReadItem(ReadOutcome.Error, file, where, null, "invalid Lake result row: it is not a list of columns, so it contains no CloudTrail record");
        }
    }

    private static JsonObject Record(JsonArray columns)
    {
        var record = new JsonObject();
        foreach (var column in columns.OfType<JsonObject>())
        {
            foreach (var (name, value) in column)
            {
                record[name] = Value(name, value);
            }
        }

        return record;
    }

    private static JsonNode? Value(string name, JsonNode? value)
    {
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return value?.DeepClone();
        }

        var s = text.GetValue<string>();
        if (name == "eventTime" && DateTime.TryParseExact(s, LakeTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (BooleanColumns.Contains(name) && bool.TryParse(s, out var flag))
        {
            return flag;
        }

        return s.Length > 1 && s[0] is '{' or '[' && RecordParser.TryParseNode(Encoding.UTF8.GetBytes(s), out var parsed) ? parsed : s;
    }
}
