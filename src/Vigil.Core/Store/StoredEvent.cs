using Vigil.Map;

namespace Vigil.Store;

/// <summary>An event read back from the store.</summary>
/// <param name="Sequence">The row id: increases with every stored event, so it orders events stored at the same time.</param>
/// <param name="Timestamp"><c>@timestamp</c>, or <c>null</c> when the document has none.</param>
/// <param name="Ingested"><c>event.ingested</c>: when Vigil stored the event.</param>
/// <param name="EventId"><c>event.id</c> (CloudTrail <c>eventID</c>), or <c>null</c>.</param>
/// <param name="Document">The ECS document, with its data stream.</param>
public sealed record StoredEvent(long Sequence, DateTimeOffset? Timestamp, DateTimeOffset? Ingested, string? EventId, EcsDocument Document);
