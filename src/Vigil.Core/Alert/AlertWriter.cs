using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Alert;

/// <summary>
/// Writes the alert <see cref="AlertBuilder.Build"/> builds, as the same compact JSON its node tree
/// serialises to, without building the tree: the source event's members are copied as the bytes
/// the document was serialised to, and the alert's own fields are written as they are made.
/// </summary>
/// <remarks>
/// A node tree keeps a key set twice in its first place. The copy relies on the alert's own keys
/// (<c>@timestamp</c>, <c>event.kind</c>, <c>kibana.*</c>) meeting no source key but
/// <c>@timestamp</c>, and on the flattened <c>event</c> keys being distinct. A mapped CloudTrail
/// event always qualifies. Any other document is built as a tree and written from it.
/// </remarks>
internal static class AlertWriter
{
    private const string TimestampKey = "@timestamp";

    /// <summary>Writes one alert of <paramref name="rule"/> and returns its <c>kibana.alert.uuid</c>.</summary>
    /// <param name="writer">The writer, with nothing written since it was reset.</param>
    /// <param name="rule">The rule that matched.</param>
    /// <param name="sourceEvent">The event it matched.</param>
    /// <param name="executionTime">When the rule ran.</param>
    /// <param name="eventLength">
    /// The length of the text that opens the alert and copies the event, which is the same in every
    /// alert of this event and this execution time, or 0 when the alert was written from a tree.
    /// </param>
    /// <param name="severity">The alert's <c>kibana.alert.severity</c>, after the rule's <c>severity_mapping</c>.</param>
    public static string Write(Utf8JsonWriter writer, DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime, out int eventLength, out string severity)
    {
        eventLength = 0;
        if (!CanCopyMembers(sourceEvent))
        {
            var alert = AlertBuilder.Build(rule, sourceEvent, executionTime);
            alert.WriteTo(writer);
            severity = alert["kibana.alert.severity"]!.GetValue<string>();
            return alert["kibana.alert.uuid"]!.GetValue<string>();
        }

        var timestamp = KibanaTime.Format(executionTime);
        writer.WriteStartObject();
        CopyMembers(writer, sourceEvent, timestamp);
        eventLength = Position(writer);
        return WriteOwnFields(writer, rule, sourceEvent, executionTime, timestamp, out severity);
    }

    /// <summary>
    /// Writes what follows the event's copy in the alert of <paramref name="rule"/>, for an event whose
    /// alert of another rule <see cref="Write"/> has written with an <c>eventLength</c> above 0, and
    /// returns the alert's <c>kibana.alert.uuid</c>. The text from <paramref name="ownStart"/> on is
    /// what that alert has after its copy of the event.
    /// </summary>
    public static string WriteAfterEvent(Utf8JsonWriter writer, DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime, out int ownStart, out string severity)
    {
        // A stand-in member, so that the writer puts the same separator before the first own field.
        writer.WriteStartObject();
        if (sourceEvent.Members.Length > 0)
        {
            writer.WriteNull("-");
        }

        ownStart = Position(writer);
        return WriteOwnFields(writer, rule, sourceEvent, executionTime, KibanaTime.Format(executionTime), out severity);
    }

    private static string WriteOwnFields(Utf8JsonWriter writer, DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime, string timestamp, out string severity)
    {
        // The event's copy wrote @timestamp in the event's place when the event has one.
        var timestampInPlace = Array.Exists(sourceEvent.Members, member => member.Key == TimestampKey);
        var uuid = AlertBuilder.AddFields(new WriterFieldTarget(writer, timestampInPlace ? TimestampKey : null), rule, sourceEvent, executionTime, timestamp, out severity);
        writer.WriteEndObject();
        return uuid;
    }

    private static int Position(Utf8JsonWriter writer) => checked((int)(writer.BytesCommitted + writer.BytesPending));

    /// <summary>Copies the source's members except <c>event.kind</c>, with the alert's time as <c>@timestamp</c>.</summary>
    private static void CopyMembers(Utf8JsonWriter writer, EcsDocument sourceEvent, string timestamp)
    {
        var json = sourceEvent.Utf8Json();
        foreach (var member in sourceEvent.Members)
        {
            if (member.Key == TimestampKey)
            {
                writer.WriteString(TimestampKey, timestamp);
                continue;
            }

            writer.WritePropertyName(member.Key);
            if (member.Members is { } eventMembers)
            {
                WriteEventWithoutKind(writer, json, eventMembers);
            }
            else
            {
                WriteValue(writer, json, member);
            }
        }
    }

    private static void WriteEventWithoutKind(Utf8JsonWriter writer, byte[] json, DocumentMember[] members)
    {
        writer.WriteStartObject();
        foreach (var member in members)
        {
            if (member.Key != OriginalEvent.KindField)
            {
                writer.WritePropertyName(member.Key);
                WriteValue(writer, json, member);
            }
        }

        writer.WriteEndObject();
    }

    // The document's own writer wrote the value with the same options, so checking it again would only cost time.
    private static void WriteValue(Utf8JsonWriter writer, byte[] json, DocumentMember member) =>
        writer.WriteRawValue(json.AsSpan(member.Start, member.Length), skipInputValidation: true);

    private static bool CanCopyMembers(EcsDocument sourceEvent)
    {
        foreach (var member in sourceEvent.Members)
        {
            if (member.Key.StartsWith("kibana.", StringComparison.Ordinal) || member.Key.StartsWith("event.", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return sourceEvent.Root[OriginalEvent.EventField] is not JsonObject eventObject || HasUndottedKeys(eventObject);
    }

    /// <summary>Whether no key of <paramref name="obj"/> or of the objects under it contains a dot, so that their flattened paths differ.</summary>
    private static bool HasUndottedKeys(JsonObject obj)
    {
        foreach (var (key, value) in obj)
        {
            if (key.Contains('.', StringComparison.Ordinal) || (value is JsonObject child && !HasUndottedKeys(child)))
            {
                return false;
            }
        }

        return true;
    }
}
