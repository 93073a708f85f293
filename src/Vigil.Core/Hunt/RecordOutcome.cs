using Vigil.Map;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// What a worker made of one item, before the hunt removes duplicates and counts it in file order.
/// </summary>
/// <param name="Item">
/// The item: an error or a skip, or for an event its file and location (never its record).
/// </param>
/// <param name="ContentHash">The <see cref="Vigil.Read.QuickContentHash"/> of an event with a string <c>eventID</c>.</param>
/// <param name="Alerts">The alerts of the rules the event matched, in rule order, when the worker wrote them.</param>
/// <param name="Deferred">The rules the event matched and its document, when the alerts are left to the counting thread.</param>
/// <param name="MappingError">Why the event's mapping partly failed, when it was mapped.</param>
/// <param name="Failure">Why the event could not be processed at all; it then counts as an error.</param>
/// <param name="LacksCloudTrailFields">Whether the event's record has neither <c>eventName</c> nor <c>eventTime</c>, so it is likely not CloudTrail.</param>
/// <param name="TimePosition">Where the event's <c>@timestamp</c> lies against the hunt's time range.</param>
internal readonly record struct RecordOutcome(
    ReadItem Item,
    ulong? ContentHash = null,
    WrittenAlerts? Alerts = null,
    DeferredAlerts? Deferred = null,
    string? MappingError = null,
    string? Failure = null,
    bool LacksCloudTrailFields = false,
    EventTimePosition TimePosition = EventTimePosition.InRange);
