using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Recognises a record seen before: the same <c>eventID</c> and identical content (compared
/// canonically, so key order does not matter). The same <c>eventID</c> with different content is
/// not a duplicate, because test corpora and late corrections reuse event IDs.
/// </summary>
/// <remarks>
/// Each remembered record costs 8 bytes (the <see cref="QuickContentHash"/> of its event ID and
/// canonical content) plus hash set overhead, so a 4 GB hunt of 3.6 million records keeps its set in 32 MB.
/// Two different records share those 64 bits with a probability of about n²/2⁶⁵: 4 × 10⁻⁷ for
/// 3.6 million records, 4 × 10⁻⁵ for 36 million. A record without a string <c>eventID</c> is never a
/// duplicate. Not thread-safe.
/// </remarks>
public sealed class DuplicateFilter
{
    private readonly HashSet64 _seen = new();

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
        return IsDuplicate(QuickContentHash.Compute(record));
    }

    /// <summary>
    /// Returns <c>true</c> when a record with this <see cref="QuickContentHash"/> was passed before;
    /// otherwise remembers it. The caller checks that the record has a string <c>eventID</c>.
    /// </summary>
    internal bool IsDuplicate(ulong contentHash) => !_seen.Add(contentHash);

    /// <summary>Loads the memory that <see cref="IsDuplicate(ulong)"/> of this hash will read, ahead of the call.</summary>
    internal void Prefetch(ulong contentHash) => _seen.Prefetch(contentHash);
}
