using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Unwraps the JSON objects that carry CloudTrail records inside another shape, recognised by
/// their keys: an EventBridge event (the record is <c>detail</c>), a CloudWatch Logs subscription
/// payload (<c>logEvents[].message</c>, also inside a Lambda function's
/// <c>{"awslogs":{"data":…}}</c>), the output of <c>aws logs filter-log-events</c> or
/// <c>get-log-events</c> (<c>events[].message</c>) and a single log event, the output of
/// <c>aws cloudtrail lookup-events</c> (<c>Events[].CloudTrailEvent</c>) and one of its events,
/// and CloudTrail Lake query results (<c>QueryResultRows</c>).
/// </summary>
/// <remarks>
/// An object with <c>eventVersion</c>, <c>eventTime</c>, <c>eventName</c> or <c>eventSource</c> is
/// a record and is never unwrapped, because no wrapper has those keys.
/// </remarks>
internal static class RecordEnvelopes
{
    private static readonly string[] RecordKeys = ["eventVersion", "eventTime", "eventName", "eventSource"];

    /// <summary>Returns the items <paramref name="obj"/> stands for: itself as one record, or the records it wraps.</summary>
    public static IEnumerable<ReadItem> Expand(JsonObject obj, string file, string location)
    {
        if (RecordKeys.Any(obj.ContainsKey))
        {
            return [Classify(obj, file, location)];
        }

        if (obj["detail-type"] is JsonValue && obj.TryGetPropertyValue("detail", out var detail))
        {
            return detail is JsonObject record ? [Classify(record, file, location)] : [Error(file, location, InvalidDetail(detail))];
        }

        if (StringProperty(obj, "messageType") is { } messageType && obj["logEvents"] is JsonArray or null)
        {
            return messageType == "CONTROL_MESSAGE"
                ? [new ReadItem(ReadOutcome.Skipped, file, location, null, "CloudWatch Logs control message, not an event")]
                : RecordsInStrings(obj["logEvents"] as JsonArray ?? [], "message", "log event", file, location);
        }

        return ExpandExports(obj, file, location) ?? [Classify(obj, file, location)];
    }

    /// <summary>
    /// The reason given for an EventBridge event whose <c>detail</c> is not an object. EventBridge
    /// carries the CloudTrail record as the <c>detail</c> object, and a string there is often the
    /// record's JSON text, encoded once more by whatever forwarded the event.
    /// </summary>
    private static string InvalidDetail(JsonNode? detail)
    {
        var kind = detail?.GetValueKind() switch
        {
            null or JsonValueKind.Null => "null",
            JsonValueKind.String => "a string",
            JsonValueKind.Array => "an array",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        };
        return $"invalid EventBridge event: its detail is {kind}, but it must be an object, the CloudTrail record, so the event contains no record; check what forwarded the event, which may have encoded the record as JSON text";
    }

    private static IEnumerable<ReadItem>? ExpandExports(JsonObject obj, string file, string location)
    {
        if (obj["awslogs"] is JsonObject awslogs)
        {
            return SubscriptionData(awslogs, file, location);
        }

        if (obj["Events"] is JsonArray lookupEvents)
        {
            return RecordsInStrings(lookupEvents, "CloudTrailEvent", "event", file, location);
        }

        if (obj["QueryResultRows"] is JsonArray rows)
        {
            return LakeQueryRows.Expand(rows, file, location);
        }

        if (obj["events"] is JsonArray logEvents)
        {
            return RecordsInStrings(logEvents, "message", "log event", file, location);
        }

        var text = StringProperty(obj, "CloudTrailEvent") ?? StringProperty(obj, "message");
        return text is null ? null : [FromText(text, file, location)];
    }

    private static IEnumerable<ReadItem> SubscriptionData(JsonObject awslogs, string file, string location)
    {
        if (StringProperty(awslogs, "data") is not { } data)
        {
            return [Error(file, location, "missing awslogs.data: the Lambda event has no base64 payload string, so it contains no CloudTrail record")];
        }

        if (!EmbeddedPayload.TryDecode(data, out var json, out var error))
        {
            return [Error(file, location, error!)];
        }

        var payloads = EmbeddedPayload.SplitValues(json);
        return payloads.Count == 1
            ? ExpandPayload(json, file, $"{location}, awslogs.data")
            : payloads.SelectMany((range, i) => ExpandPayload(json[range], file, $"{location}, awslogs.data, payload {i + 1}"));
    }

    private static IEnumerable<ReadItem> ExpandPayload(byte[] json, string file, string location) =>
        RecordParser.TryParse(json, out var payload, out var error)
            ? Expand(payload!, file, location)
            : [Error(file, location, $"awslogs.data: {error}")];

    private static IEnumerable<ReadItem> RecordsInStrings(JsonArray items, string field, string noun, string file, string location)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var where = $"{location}, {noun} {i + 1}";
            if (items[i] is not JsonObject item || StringProperty(item, field) is not { } text)
            {
                yield return Error(file, where, $"missing {field}: the {noun} has no {field} string, so it contains no CloudTrail record");
                continue;
            }

            yield return FromText(text, file, where);
        }
    }

    private static ReadItem FromText(string text, string file, string location)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!RecordParser.TryParse(bytes, out var record, out var error))
        {
            return Error(file, location, error!);
        }

        var item = Classify(record!, file, location);
        return item.Outcome == ReadOutcome.Record ? item with { WrappedText = text } : item;
    }

    internal static ReadItem Classify(JsonObject record, string file, string location)
    {
        var skip = RecordParser.SkipReason(record);
        return skip is null
            ? new ReadItem(ReadOutcome.Record, file, location, record, null)
            : new ReadItem(ReadOutcome.Skipped, file, location, null, skip);
    }

    private static ReadItem Error(string file, string location, string reason) => new(ReadOutcome.Error, file, location, null, reason);

    private static string? StringProperty(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
