using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// One item read from a CloudTrail file: a record, an error or a skip.
/// </summary>
/// <param name="Outcome">Whether this is a record, an error or a skip.</param>
/// <param name="File">The file path (or stream display name) the item came from.</param>
/// <param name="Location">
/// Where in the file: <c>line 12</c> (one record per line), <c>record 4</c> (1-based index in a
/// <c>Records</c> array or a bare array), and for errors also <c>byte 1534</c>. Lines, records and
/// log events are numbered from 1; a byte is an offset from 0, counted in the decompressed data
/// when the file is gzip.
/// </param>
/// <param name="Record">The record, set only when <paramref name="Outcome"/> is <see cref="ReadOutcome.Record"/>.</param>
/// <param name="Reason">Why the item is an error or a skip; <c>null</c> for records.</param>
public sealed record ReadItem(ReadOutcome Outcome, string File, string Location, JsonObject? Record, string? Reason)
{
    private readonly ItemPlace _place;

    /// <summary>Creates a raw record item whose location text is formatted on first read.</summary>
    internal ReadItem(string file, ItemPlace place)
        : this(ReadOutcome.Record, file, null!, null, null)
    {
        _place = place;
    }

    /// <summary>The position in the file, as the primary constructor's <c>Location</c> parameter describes.</summary>
    public string Location
    {
        get => field ??= _place.Describe();
        init => field = value;
    } = Location;

    /// <summary>
    /// For a record the reader took out of a JSON string (a log event's <c>message</c>, a
    /// <c>lookup-events</c> <c>CloudTrailEvent</c>), the string's value: the record's text as it was
    /// written, unescaped once. A lone surrogate escape in that string is U+FFFD here, as in <see cref="Record"/>.
    /// </summary>
    public string? WrappedText { get; init; }

    /// <summary>Compares the items' members, whether or not a location has been formatted yet.</summary>
    public bool Equals(ReadItem? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Outcome == other.Outcome
            && File == other.File
            && Location == other.Location
            && Equals(Record, other.Record)
            && Reason == other.Reason
            && WrappedText == other.WrappedText);

    public override int GetHashCode() => HashCode.Combine(Outcome, File, Location, Record, Reason, WrappedText);
}
