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
}
