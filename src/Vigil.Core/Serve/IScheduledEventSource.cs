using Vigil.Store;

namespace Vigil.Serve;

/// <summary>The reads the scheduler makes from the event store.</summary>
internal interface IScheduledEventSource
{
    /// <summary>Returns the <see cref="StoredEvent.Sequence"/> of the newest stored event, or 0 when there is none.</summary>
    long LastSequence();

    /// <summary>Returns the events of <paramref name="window"/>, oldest first on its time field.</summary>
    IEnumerable<StoredEvent> ReadWindow(EventWindow window);

    /// <summary>Returns the events of <paramref name="query"/> in the order they were stored.</summary>
    IEnumerable<StoredEvent> ReadLate(LateEventQuery query);

    /// <summary>Returns how far retention has deleted events, or null when it never deleted one.</summary>
    RetentionCutoff? ReadRetentionCutoff();
}
