using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Recognises a record seen before: the same <c>eventID</c> and identical content (compared
/// canonically, so key order does not matter). The same <c>eventID</c> with different content is
/// not a duplicate, because test corpora and late corrections reuse event IDs.
/// </summary>
/// <remarks>
/// Each remembered record costs one 128-bit hash of its event ID and canonical content, plus hash
/// set overhead. A record without a string <c>eventID</c> is never a duplicate. Not thread-safe.
/// </remarks>
public sealed class DuplicateFilter
{
    // Two ulongs, not a UInt128: UInt128 is 16-byte aligned, which pads each set entry from 24 to 32
    // bytes, and a hunt over millions of records keeps one entry per record.
    private readonly HashSet<(ulong, ulong)> _seen = [];

    /// <summary>Number of distinct records remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>
    /// Returns <c>true</c> when an identical record with the same <c>eventID</c> was passed before;
    /// otherwise remembers <paramref name="record"/> and returns <c>false</c>.
    /// </summary>
    public bool IsDuplicate(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);

        if (record["eventID"] is not JsonValue id || !id.TryGetValue<string>(out _))
        {
            return false;
        }

        // The event ID is part of the content, so one hash covers both.
        return IsDuplicate(CanonicalJsonHash.Compute(record));
    }

    /// <summary>
    /// Returns <c>true</c> when a record with this canonical content hash was passed before;
    /// otherwise remembers it. The caller checks that the record has a string <c>eventID</c>.
    /// </summary>
    internal bool IsDuplicate(UInt128 contentHash) => !_seen.Add(((ulong)(contentHash >> 64), (ulong)contentHash));
}
