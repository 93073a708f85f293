namespace Vigil.Serve;

/// <summary>The reads the scheduler makes from the event store.</summary>
internal interface IScheduledEventSource
{
    /// <summary>Returns the <see cref="StoredEvent.Sequence"/> of the newest stored event, or 0 when there is none.</summary>
    long LastSequence();

    /// <summary>
    /// Returns the events of <paramref name="query"/> in Kibana's order: ascending on the time field
    /// (events without it last), then on <c>@timestamp</c>, then in insertion order.
    /// </summary>
    IEnumerable<StoredEvent> ReadWindow(EventWindowQuery query);

    /// <summary>Returns the events of <paramref name="query"/> in insertion order.</summary>
    IEnumerable<StoredEvent> ReadLate(LateEventQuery query);
}
