using Vigil.Map;

namespace Vigil.Serve;

/// <summary>An event read back from the store.</summary>
/// <param name="Sequence">The store's insertion order: a later insert has a larger number.</param>
/// <param name="TimeMs">
/// The event's time on the axis it was read by, in Unix epoch milliseconds: for a window query the
/// time field (or <c>@timestamp</c> when it fell back), for a late-event query <c>@timestamp</c>.
/// </param>
/// <param name="Document">The ECS document with its data stream.</param>
internal sealed record StoredEvent(long Sequence, long TimeMs, EcsDocument Document);
