namespace Vigil.Store;

/// <summary>
/// How far retention has deleted events, over every deletion that removed at least one row, whatever
/// retention each process applied. Times are Unix epoch milliseconds.
/// </summary>
/// <param name="IngestedBeforeMs">
/// The cutoff of the latest such deletion: events whose <c>event.ingested</c> is earlier may have been
/// deleted, and none at or after it was.
/// </param>
/// <param name="MaxTimestampMs">The latest <c>@timestamp</c> of a deleted event, or null when none of them had one.</param>
public sealed record RetentionCutoff(long IngestedBeforeMs, long? MaxTimestampMs)
{
    /// <summary>
    /// Returns the earliest time on <paramref name="field"/> from which retention has deleted no
    /// event, so a search from there finds every event that was stored.
    /// </summary>
    public long RetainedFromMs(EventTimeField field) => field switch
    {
        EventTimeField.Ingested => IngestedBeforeMs,
        _ => MaxTimestampMs is { } latest ? latest + 1 : long.MinValue,
    };

    /// <summary>
    /// Returns whether retention may have deleted an event whose <c>event.ingested</c> is
    /// <paramref name="ingestedMs"/>. Every deletion removes only events ingested before its own
    /// cutoff, and the recorded cutoff is the latest of them.
    /// </summary>
    public bool MayHaveDeleted(long ingestedMs) => ingestedMs < IngestedBeforeMs;
}
