using Vigil.Serve;
using Vigil.Store;

namespace Vigil.Tests.Serve;

/// <summary>The store's event source, with window reads on one time field made to throw, and a hook called at each window read.</summary>
internal sealed class FaultyEventSource(IScheduledEventSource inner) : IScheduledEventSource
{
    public EventTimeField? FailingTimeField { get; set; }

    /// <summary>Called with each window before it is read, such as to stop a run part-way.</summary>
    public Action<EventWindow>? WindowRead { get; set; }

    public long LastSequence() => inner.LastSequence();

    public IEnumerable<StoredEvent> ReadWindow(EventWindow window)
    {
        WindowRead?.Invoke(window);
        return window.TimeField == FailingTimeField
            ? throw new InvalidOperationException("injected read failure")
            : inner.ReadWindow(window);
    }

    public IEnumerable<StoredEvent> ReadLate(LateEventQuery query) => inner.ReadLate(query);

    public RetentionCutoff? ReadRetentionCutoff() => inner.ReadRetentionCutoff();
}
