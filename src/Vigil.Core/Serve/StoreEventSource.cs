using Vigil.Store;

namespace Vigil.Serve;

/// <summary>Reads the scheduler's events from the store.</summary>
internal sealed class StoreEventSource(VigilStore store) : IScheduledEventSource
{
    public long LastSequence()
    {
        using var connection = store.OpenConnection();
        return (long)StoreCommands.Scalar(connection, null, "SELECT coalesce(max(id), 0) FROM events")!;
    }

    public IEnumerable<StoredEvent> ReadWindow(EventWindow window) => store.ReadEvents(window);

    // NOTE: this reads every event stored since the rule's previous run and filters them here.
    // A query bounded by row id and @timestamp in SQL would read fewer rows.
    public IEnumerable<StoredEvent> ReadLate(LateEventQuery query) =>
        store.ReadEventsAfter(query.AfterSequence)
            .TakeWhile(e => e.Sequence <= query.ThroughSequence)
            .Where(e => e.Timestamp is { } timestamp && timestamp.ToUnixTimeMilliseconds() <= query.TimestampThroughMs);
}
