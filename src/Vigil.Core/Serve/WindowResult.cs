namespace Vigil.Serve;

/// <summary>The counts of one searched window, and the time span of the matches it could not alert on.</summary>
internal sealed class WindowResult
{
    public long EventsSearched { get; set; }

    public long Matches { get; set; }

    public long AlertsCreated { get; set; }

    public long DuplicatesSkipped { get; set; }

    public long MatchesNotAlerted { get; set; }

    /// <summary>The time (on the window's axis) of the earliest match left without an alert by <c>max_signals</c>.</summary>
    public long? NotAlertedFromMs { get; set; }

    /// <summary>The time (on the window's axis) of the latest match left without an alert by <c>max_signals</c>.</summary>
    public long? NotAlertedToMs { get; set; }

    /// <summary>
    /// The earliest <c>event.ingested</c> of the matches left without an alert by <c>max_signals</c>,
    /// or null when none of them has one. Retention never deletes an event without <c>event.ingested</c>.
    /// </summary>
    public long? NotAlertedMinIngestedMs { get; set; }

    public bool Truncated => MatchesNotAlerted > 0;

    public void AddTo(WindowResult total)
    {
        total.EventsSearched += EventsSearched;
        total.Matches += Matches;
        total.AlertsCreated += AlertsCreated;
        total.DuplicatesSkipped += DuplicatesSkipped;
        total.MatchesNotAlerted += MatchesNotAlerted;
    }
}
