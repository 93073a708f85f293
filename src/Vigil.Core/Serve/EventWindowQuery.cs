namespace Vigil.Serve;

/// <summary>
/// The events of one rule window: those whose <paramref name="TimeField"/> is inside
/// <paramref name="Window"/>, or, with <paramref name="FallbackToTimestamp"/>, that lack the field
/// and have <c>@timestamp</c> inside it (Kibana's range query for <c>timestamp_override</c>).
/// </summary>
/// <param name="TimeField"><c>@timestamp</c> or <c>event.ingested</c>.</param>
/// <param name="FallbackToTimestamp">Whether events without <paramref name="TimeField"/> fall back to <c>@timestamp</c>.</param>
/// <param name="Window">The inclusive range.</param>
/// <param name="Actions">When not null, only events whose <c>event.action</c> is one of these can match.</param>
/// <param name="Providers">When not null, only events whose <c>event.provider</c> is one of these can match.</param>
internal sealed record EventWindowQuery(
    string TimeField,
    bool FallbackToTimestamp,
    TimeWindow Window,
    IReadOnlySet<string>? Actions,
    IReadOnlySet<string>? Providers);
