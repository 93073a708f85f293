using Vigil.Store;

namespace Vigil.Serve;

/// <summary>A range of a rule's time axis that was not fully searched or alerted on, and why.</summary>
/// <param name="Window">The range.</param>
/// <param name="Reason">Why it is uncovered, such as retention, a failed search or <c>max_signals</c>.</param>
/// <param name="WillRetry">True when the scheduler searches it again on a later run.</param>
/// <param name="Kind">What left it uncovered.</param>
public sealed record UncoveredRange(TimeWindow Window, string Reason, bool WillRetry, UncoveredKind Kind)
{
    /// <summary>For <see cref="UncoveredKind.MaxSignals"/>, the number of matches in the range that have no alert, and 0 for other kinds.</summary>
    public long NotAlerted { get; init; }

    /// <summary>
    /// For <see cref="UncoveredKind.MaxSignals"/>, the earliest <c>event.ingested</c> of the matches
    /// counted in <see cref="NotAlerted"/>, in Unix epoch milliseconds, or <see cref="long.MaxValue"/>
    /// when none of them has <c>event.ingested</c>. Null for other kinds, whose events no search
    /// counted, and for ranges stored before schema version 8, which did not record it.
    /// </summary>
    public long? NotAlertedMinIngestedMs { get; init; }

    /// <summary>
    /// Returns whether every match this range counted without an alert is still stored, because
    /// retention has deleted no event ingested at or after the earliest of them. A later search that
    /// finds every match in the range alerted then proves that each of them has an alert.
    /// </summary>
    internal bool NotAlertedStillStored(RetentionCutoff? cutoff) =>
        Kind == UncoveredKind.MaxSignals
        && NotAlertedMinIngestedMs is { } earliest
        && (cutoff is null || !cutoff.MayHaveDeleted(earliest));
}
