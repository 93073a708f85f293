using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>The alerts of an event that many rules matched, left to the counting thread to write.</summary>
/// <param name="Rules">The rules the event matched, in rule order.</param>
/// <param name="Document">The event, kept as JSON (<see cref="EcsDocument.Compact"/>).</param>
internal sealed record DeferredAlerts(List<PreparedRule> Rules, EcsDocument Document);
