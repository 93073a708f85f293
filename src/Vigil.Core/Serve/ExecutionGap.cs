namespace Vigil.Serve;

/// <summary>A time range an execution did not search, and why.</summary>
/// <param name="Window">The range on the rule's time axis.</param>
/// <param name="Reason">Why it was not searched.</param>
public sealed record ExecutionGap(TimeWindow Window, string Reason);
