using Vigil.Serve;
using Vigil.Store;

namespace Vigil.Tests.Serve;

/// <summary>The store's event source, with window reads on one time field made to throw.</summary>
internal sealed class FaultyEventSource(IScheduledEventSource inner) : IScheduledEventSource
{
    public EventTimeField? FailingTimeField { get; set; }

    public long LastSequence() => inner.LastSequence();

    public IEnumerable<StoredEvent> ReadWindow(EventWindow window) =>
        window.TimeField == FailingTimeField
            ? throw new InvalidOperationException("injected read failure")
            : inner.ReadWindow(window);

    public IEnumerable<StoredEvent> ReadLate(LateEventQuery query) => inner.ReadLate(query);

    public RetentionCutoff? ReadRetentionCutoff() => inner.ReadRetentionCutoff();
}
