namespace Vigil.Store;

/// <summary>
/// A window query: events whose time field lies in [<paramref name="From"/>, <paramref name="To"/>],
/// both ends inclusive, at millisecond precision.
/// </summary>
/// <param name="From">The earliest time included.</param>
/// <param name="To">The latest time included.</param>
public sealed record EventWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The time field the window applies to; <c>@timestamp</c> unless the rule sets <c>timestamp_override</c>.</summary>
    public EventTimeField TimeField { get; init; } = EventTimeField.Timestamp;

    /// <summary>
    /// With <see cref="EventTimeField.Ingested"/>: also include events without <c>event.ingested</c>
    /// whose <c>@timestamp</c> is in the window, as Kibana does unless a rule sets
    /// <c>timestamp_override_fallback_disabled</c>. Ignored for <see cref="EventTimeField.Timestamp"/>.
    /// </summary>
    public bool FallbackToTimestamp { get; init; } = true;

    /// <summary>
    /// When set, only events whose <c>event.action</c> is one of these exact values (an empty set
    /// matches nothing); <c>null</c> reads every action.
    /// </summary>
    public IReadOnlySet<string>? Actions { get; init; }

    /// <summary>When set, only events whose <c>event.provider</c> is one of these exact values; combined with <see cref="Actions"/> by AND.</summary>
    public IReadOnlySet<string>? Providers { get; init; }

    /// <summary>Returns the window of events stored (<c>event.ingested</c>) between two times, inclusive, for late-event evaluation.</summary>
    public static EventWindow IngestedBetween(DateTimeOffset from, DateTimeOffset to) =>
        new(from, to) { TimeField = EventTimeField.Ingested, FallbackToTimestamp = false };
}
