namespace Vigil.Serve;

/// <summary>What left a range uncovered, which decides whether a later search can clear it.</summary>
public enum UncoveredKind
{
    /// <summary>A window reached <c>max_signals</c>. A later complete search that finds every match alerted clears it.</summary>
    MaxSignals,

    /// <summary>The rule was disabled. A later complete search clears it.</summary>
    Disabled,

    /// <summary>A backfill search failed. A later run retries it, and any complete search clears it.</summary>
    SearchFailed,

    /// <summary>Retention deleted the events before a search, so no later search can clear it.</summary>
    Expired,

    /// <summary>A ledger hole not searched yet. It is listed but not stored, and leaves the list once searched.</summary>
    NotSearched,
}
