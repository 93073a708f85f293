namespace Vigil.Store;

/// <summary>The event time a window applies to: a rule's <c>timestamp_override</c>, or <c>@timestamp</c>.</summary>
public enum EventTimeField
{
    /// <summary><c>@timestamp</c>, the time of the API call.</summary>
    Timestamp,

    /// <summary><c>event.ingested</c>, the time Vigil stored the event.</summary>
    Ingested,
}
