using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Serve;

namespace Vigil.Tests.Serve;

/// <summary>An event source that applies the window semantics to a list, as a reference for the store's SQL.</summary>
internal sealed class InMemoryEvents : IScheduledEventSource
{
    private readonly List<StoredEvent> _events = [];

    /// <summary>Set to make every window query on this time field throw.</summary>
    public string? FailingTimeField { get; set; }

    public void Add(JsonObject document) =>
        _events.Add(new StoredEvent(_events.Count + 1, Millis(document, "@timestamp") ?? 0, new EcsDocument(document)));

    public long LastSequence() => _events.Count;

    public IEnumerable<StoredEvent> ReadWindow(EventWindowQuery query)
    {
        if (query.TimeField == FailingTimeField)
        {
            throw new InvalidOperationException("injected read failure");
        }

        return _events
            .Select(e => (Event: e, Time: TimeOf(e, query)))
            .Where(e => e.Time is { } t && t >= query.Window.FromMs && t <= query.Window.ToMs)
            .OrderBy(e => e.Time)
            .ThenBy(e => e.Event.TimeMs)
            .ThenBy(e => e.Event.Sequence)
            .Select(e => e.Event with { TimeMs = e.Time!.Value })
            .ToList();
    }

    public IEnumerable<StoredEvent> ReadLate(LateEventQuery query) =>
        _events.Where(e => e.Sequence > query.AfterSequence && e.Sequence <= query.ThroughSequence && e.TimeMs <= query.TimestampThroughMs).ToList();

    private static long? TimeOf(StoredEvent stored, EventWindowQuery query)
    {
        var primary = Millis(stored.Document.Root, query.TimeField);
        if (primary is not null || !query.FallbackToTimestamp)
        {
            return primary;
        }

        return stored.TimeMs;
    }

    private static long? Millis(JsonObject document, string field)
    {
        var value = new EcsDocument(document).FieldValues(field).FirstOrDefault();
        return value is JsonValue text && DateTimeOffset.TryParse(text.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;
    }
}
