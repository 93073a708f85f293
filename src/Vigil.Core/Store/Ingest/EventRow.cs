using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// The columns of one event row. <paramref name="Document"/> is the ECS document's JSON text, or the
/// raw record's UTF-8 bytes when <paramref name="Format"/> is <see cref="StoredDocumentFormat.CloudTrailRecord"/>.
/// It is <c>null</c> for a raw record whose bytes the caller passes to <see cref="EventRowWriter.TryInsert"/>.
/// </summary>
internal sealed record EventRow(string DataStream, long? Timestamp, long Ingested, string? EventId, string? Provider, string? Action, UInt128? ContentHash, object? Document, StoredDocumentFormat Format = StoredDocumentFormat.EcsDocument)
{
    /// <summary>
    /// Sets <c>event.ingested</c> on <paramref name="document"/> to <paramref name="ingested"/> and
    /// returns its row. <paramref name="record"/> is the raw CloudTrail record the duplicate check hashes.
    /// </summary>
    public static EventRow Create(JsonObject record, EcsDocument document, DateTimeOffset ingested)
    {
        SetIngested(document.Root, ingested);

        return new EventRow(
            document.DataStream,
            KibanaTime.TryReadTimestamp(document.Root, out var timestamp) ? StoreTime.ToMilliseconds(timestamp) : null,
            StoreTime.ToMilliseconds(ingested),
            SingleString(document, "event.id"),
            SingleString(document, "event.provider"),
            SingleString(document, "event.action"),
            ContentHashOf(record),
            document.Root.ToJsonString());
    }

    /// <summary>
    /// Returns the canonical XXH128 of a record with a string <c>eventID</c>, or <c>null</c>: a
    /// record without one is never a duplicate, as in the hunt's duplicate filter.
    /// </summary>
    private static UInt128? ContentHashOf(JsonObject record) =>
        record["eventID"] is JsonValue id && id.TryGetValue<string>(out _) ? CanonicalJsonHash.Compute(record) : null;

    /// <summary>Sets <c>event.ingested</c> on a mapped document, as the store does before it keeps or returns one.</summary>
    public static void SetIngested(JsonObject root, DateTimeOffset ingested)
    {
        if (root["event"] is not JsonObject eventObject)
        {
            eventObject = [];
            root["event"] = eventObject;
        }

        eventObject["ingested"] = KibanaTime.Format(ingested);
    }

    // NOTE: a document with several values in one of these fields keeps only its first string value
    // in the column, so a window query restricted to candidate values misses a match on a later
    // value. The CloudTrail mapping writes one string to each of them.
    private static string? SingleString(EcsDocument document, string field)
    {
        foreach (var value in document.FieldValues(field))
        {
            return value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : null;
        }

        return null;
    }
}
