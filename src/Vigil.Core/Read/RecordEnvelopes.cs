using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Unwraps the single-object deliveries that carry CloudTrail records inside another JSON shape:
/// an EventBridge event (the record is <c>detail</c>) and a CloudWatch Logs subscription payload
/// (each <c>logEvents[].message</c> is a record as JSON text).
/// </summary>
internal static class RecordEnvelopes
{
    /// <summary>Returns the items <paramref name="obj"/> stands for: itself as one record, or the records it wraps.</summary>
    public static IEnumerable<ReadItem> Expand(JsonObject obj, string file, string location)
    {
        if (obj["detail-type"] is JsonValue && obj["detail"] is JsonObject detail)
        {
            return [Classify(detail, file, location)];
        }

        if (StringProperty(obj, "messageType") is { } messageType && obj["logEvents"] is JsonArray or null)
        {
            return messageType == "CONTROL_MESSAGE"
                ? [new ReadItem(ReadOutcome.Skipped, file, location, null, "CloudWatch Logs control message, not an event")]
                : LogEvents(obj["logEvents"] as JsonArray ?? [], file, location);
        }

        return [Classify(obj, file, location)];
    }

    private static IEnumerable<ReadItem> LogEvents(JsonArray events, string file, string location)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var where = $"{location}, log event {i + 1}";
            if (events[i]?["message"] is not JsonValue message || message.GetValueKind() != JsonValueKind.String)
            {
                yield return new ReadItem(ReadOutcome.Error, file, where, null, "missing message: the log event has no message string, so it contains no CloudTrail record");
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(message.GetValue<string>());
            if (!RecordParser.TryParse(bytes, out var record, out var error))
            {
                yield return new ReadItem(ReadOutcome.Error, file, where, null, error);
                continue;
            }

            yield return Classify(record!, file, where);
        }
    }

    private static ReadItem Classify(JsonObject record, string file, string location)
    {
        var skip = RecordParser.SkipReason(record);
        return skip is null
            ? new ReadItem(ReadOutcome.Record, file, location, record, null)
            : new ReadItem(ReadOutcome.Skipped, file, location, null, skip);
    }

    private static string? StringProperty(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
