using Vigil.Alert;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// Builds an event row from a scanned raw record without mapping it: the columns come from the
/// record's top-level fields, and the record's bytes are stored to be mapped when the event is read.
/// </summary>
internal static class RawEventRow
{
    /// <summary>
    /// Returns the row of a record whose columns the mapper would fill plainly from its top-level
    /// fields; otherwise <c>false</c>, and the caller maps the record. The exceptions are a field
    /// with a value other than a non-empty string, and an <c>eventTime</c> that Elastic's date
    /// processor rejects (Elastic indexes that record as a pipeline error). The row has no
    /// document: pass the record's bytes to <see cref="EventRowWriter.TryInsert"/>.
    /// </summary>
    public static bool TryCreate(in RecordFacts facts, long ingested, out EventRow row)
    {
        row = null!;
        if (!TryText(facts.EventId, out var eventId)
            || !TryText(facts.EventSource, out var provider)
            || !TryText(facts.EventName, out var action)
            || !TryTimestamp(facts.EventTime, out var timestamp))
        {
            return false;
        }

        row = new EventRow(
            EcsDocument.CloudTrailDataStream,
            timestamp,
            ingested,
            eventId,
            provider,
            action,
            facts.ContentHash,
            null,
            StoredDocumentFormat.CloudTrailRecord);
        return true;
    }

    // An absent field leaves its column empty. The mapper's pre-clean removes an empty string and
    // renders another JSON value as text, so those records take the mapping path.
    private static bool TryText(TopLevelValue value, out string? text)
    {
        text = value.Text;
        return value.Kind == TopLevelValueKind.Absent || (value.Kind == TopLevelValueKind.String && text!.Length > 0);
    }

    private static bool TryTimestamp(TopLevelValue eventTime, out long? timestamp)
    {
        timestamp = null;
        if (eventTime.Kind == TopLevelValueKind.Absent)
        {
            return true;
        }

        if (eventTime.Kind != TopLevelValueKind.String
            || !ElasticDate.TryParseIso8601(eventTime.Text!, out var formatted)
            || !KibanaTime.TryParse(formatted, out var time))
        {
            return false;
        }

        timestamp = StoreTime.ToMilliseconds(time);
        return true;
    }
}
