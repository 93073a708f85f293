namespace Vigil.Read;

/// <summary>What a raw record's bytes show without parsing it into a tree.</summary>
/// <param name="ContentHash">The canonical content hash, or null when the record has no string <c>eventID</c>.</param>
/// <param name="EventName">The top-level <c>eventName</c>.</param>
/// <param name="EventSource">The top-level <c>eventSource</c>.</param>
/// <param name="EventTime">The top-level <c>eventTime</c>.</param>
/// <param name="EventId">The top-level <c>eventID</c>.</param>
internal readonly record struct RecordFacts(UInt128? ContentHash, TopLevelValue EventName, TopLevelValue EventSource, TopLevelValue EventTime, TopLevelValue EventId);

/// <summary>A top-level field of a record: absent, a string (with its text), or another JSON value.</summary>
/// <param name="Kind">The field's JSON kind.</param>
/// <param name="Text">A string's text, when the scan kept it.</param>
/// <param name="Hash">
/// A string's <see cref="QuickContentHash"/> when a hunt scanned it, else 0. A hunt's scan keeps
/// <c>eventName</c> and <c>eventSource</c> as this hash, without their text.
/// </param>
internal readonly record struct TopLevelValue(TopLevelValueKind Kind, string? Text, ulong Hash = 0)
{
    public static readonly TopLevelValue Absent = new(TopLevelValueKind.Absent, null);

    public static readonly TopLevelValue Other = new(TopLevelValueKind.Other, null);
}

/// <summary>The JSON kind of a top-level field, as far as prefilters need it.</summary>
internal enum TopLevelValueKind : byte
{
    Absent,
    String,
    Other,
}
