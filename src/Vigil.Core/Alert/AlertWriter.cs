using System.Runtime.InteropServices;
using System.Text.Json;
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
/// event always qualifies; any other document is built as a tree and written from it.
/// </remarks>
internal static class AlertWriter
{
    private const string TimestampKey = "@timestamp";

    /// <summary>Writes one alert of <paramref name="rule"/> and returns its <c>kibana.alert.uuid</c>.</summary>
    public static string Write(Utf8JsonWriter writer, DetectionRule rule, EcsDocument sourceEvent, DateTimeOffset executionTime)
    {
        var root = sourceEvent.JsonRoot();
        if (!CanCopyMembers(root))
        {
            var alert = AlertBuilder.Build(rule, sourceEvent, executionTime);
            alert.WriteTo(writer);
            return alert["kibana.alert.uuid"]!.GetValue<string>();
        }

        var timestamp = KibanaTime.Format(executionTime);
        writer.WriteStartObject();
        var timestampInPlace = CopyMembers(writer, root, timestamp);
        var uuid = AlertBuilder.AddFields(new WriterFieldTarget(writer, timestampInPlace ? TimestampKey : null), rule, sourceEvent, executionTime, timestamp);
        writer.WriteEndObject();
        return uuid;
    }

    /// <summary>Copies the source's members but <c>event.kind</c>, with the alert's time as <c>@timestamp</c>, and returns whether it had one.</summary>
    private static bool CopyMembers(Utf8JsonWriter writer, JsonElement root, string timestamp)
    {
        var timestampInPlace = false;
        foreach (var member in root.EnumerateObject())
        {
            if (member.NameEquals(TimestampKey))
            {
                writer.WriteString(TimestampKey, timestamp);
                timestampInPlace = true;
                continue;
            }

            WriteName(writer, member);
            if (member.NameEquals(OriginalEvent.EventField) && member.Value.ValueKind == JsonValueKind.Object)
            {
                OriginalEvent.WriteWithoutKind(writer, member.Value);
            }
            else
            {
                WriteValue(writer, member.Value);
            }
        }

        return timestampInPlace;
    }

    /// <summary>Writes a member's name as the writer would escape it: its raw text, unless that contains an escape.</summary>
    internal static void WriteName(Utf8JsonWriter writer, JsonProperty member)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(member);
        if (raw.Contains((byte)'\\'))
        {
            writer.WritePropertyName(member.Name);
        }
        else
        {
            writer.WritePropertyName(raw);
        }
    }

    /// <summary>
    /// Copies a value of the document's JSON. A writer with default options wrote it, so writing it
    /// again, which unescapes and escapes each string, would give the same bytes.
    /// </summary>
    internal static void WriteValue(Utf8JsonWriter writer, JsonElement value) =>
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);

    private static bool CanCopyMembers(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var member in root.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(member);
            if (name.Contains((byte)'\\') || name.StartsWith("kibana."u8) || name.StartsWith("event."u8))
            {
                return false;
            }

            if (member.NameEquals(OriginalEvent.EventField) && !HasUndottedKeys(member.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether no key of the objects under <paramref name="value"/> contains a dot, so that their flattened paths differ.</summary>
    private static bool HasUndottedKeys(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        foreach (var member in value.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(member);
            if (name.Contains((byte)'.') || name.Contains((byte)'\\') || !HasUndottedKeys(member.Value))
            {
                return false;
            }
        }

        return true;
    }
}
