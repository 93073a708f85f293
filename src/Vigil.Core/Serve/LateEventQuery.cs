namespace Vigil.Serve;

/// <summary>
/// The events stored after <paramref name="AfterSequence"/> up to and including
/// <paramref name="ThroughSequence"/> whose <c>@timestamp</c> is at or before
/// <paramref name="TimestampThroughMs"/>: arrivals into time a rule may already have searched.
/// </summary>
/// <param name="AfterSequence">The newest sequence the rule had seen.</param>
/// <param name="ThroughSequence">The newest sequence when the run started.</param>
/// <param name="TimestampThroughMs">The end of the searched time, Unix epoch milliseconds.</param>
/// <param name="Actions">When not null, only events whose <c>event.action</c> is one of these can match.</param>
/// <param name="Providers">When not null, only events whose <c>event.provider</c> is one of these can match.</param>
internal sealed record LateEventQuery(
    long AfterSequence,
    long ThroughSequence,
    long TimestampThroughMs,
    IReadOnlySet<string>? Actions = null,
    IReadOnlySet<string>? Providers = null);
