using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// What happens next to a range of a rule's coverage ledger that is uncovered, as <c>rules status</c>
/// and the <c>vigil serve</c> log word it.
/// </summary>
internal static class UncoveredRangeText
{
    /// <summary>
    /// Returns whether and how the range is searched again. <paramref name="lookBack"/> is the rule's
    /// <c>from</c>, such as <c>now-6m</c>, or null when its file is not loaded. <paramref name="searchedFrom"/>
    /// is where a run starting now would begin its window, or null when that is not known.
    /// </summary>
    public static string NextStep(UncoveredRange range, string? lookBack, DateTimeOffset? searchedFrom = null) => range switch
    {
        { WillRetry: true } => "searched again by a later run",
        // On @timestamp the store records only the latest time deleted, so the range's events may be gone.
        { Kind: UncoveredKind.Expired } => "retention may have deleted its events, so no search can clear it",
        _ when range.Window.To <= searchedFrom => BeforeLookBack(lookBack),
        _ => SearchedInLookBack(lookBack),
    };

    /// <summary>The next step of such a range once it ends before the window a run now searches.</summary>
    private static string BeforeLookBack(string? lookBack)
    {
        var window = lookBack is null ? "the rule's look-back" : $"the rule's look-back (from {lookBack})";
        return $"the backfill does not search it, and later runs no longer reach it, because it ends before {window}; "
            + "only 'vigil rules run' over it can clear it";
    }

    /// <summary>
    /// The next step of a range that a window reached <c>max_signals</c> in, or that passed while the
    /// rule was disabled. The coverage ledger's backfill searches only holes, and this range is no
    /// hole, but each scheduled window searches its whole look-back, this range included.
    /// </summary>
    private static string SearchedInLookBack(string? lookBack)
    {
        var window = lookBack is null ? "the rule's look-back" : $"the rule's look-back (from {lookBack})";
        return $"the backfill does not search it, but each later run searches it again while it lies within {window}, "
            + "and so does 'vigil rules run' over it; a search clears it once every match has an alert";
    }
}
