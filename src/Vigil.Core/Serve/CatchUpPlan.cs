namespace Vigil.Serve;

/// <summary>
/// The windows one scheduled execution searches, oldest first, and the part of the time since the
/// previous run that they leave out.
/// </summary>
/// <remarks>
/// Kibana's <c>getRuleRangeTuples</c> (detection engine <c>utils.ts</c>):
/// <c>gap = (startedAt − previousStartedAt) − (to − from)</c>; when positive, up to
/// <see cref="MaxCatchUpWindows"/> extra windows, each the main window shifted back by k × interval,
/// run before it. What is still missing, <c>gap − catch-up × interval</c>, fails the execution and
/// is recorded as the range from the previous start onwards.
/// </remarks>
internal sealed record CatchUpPlan(IReadOnlyList<TimeWindow> Windows, TimeSpan RemainingGap, TimeWindow? GapRange)
{
    /// <summary>Kibana's <c>MAX_RULE_GAP_RATIO</c>.</summary>
    public const int MaxCatchUpWindows = 4;

    public static CatchUpPlan Create(RuleTiming timing, DateTimeOffset startedAt, DateTimeOffset? previousStartedAt)
    {
        var main = timing.Resolve(startedAt);
        if (previousStartedAt is not { } previous)
        {
            return new CatchUpPlan([main], TimeSpan.Zero, null);
        }

        var gap = (startedAt - previous) - (main.To - main.From);
        if (gap <= TimeSpan.Zero)
        {
            return new CatchUpPlan([main], TimeSpan.Zero, null);
        }

        var catchUp = (int)Math.Min(Math.Ceiling(gap / timing.Interval), MaxCatchUpWindows);
        var windows = new List<TimeWindow>(catchUp + 1);
        for (var k = catchUp; k >= 1; k--)
        {
            windows.Add(main.Shift(-(k * timing.Interval)));
        }

        windows.Add(main);

        var remaining = gap - (catchUp * timing.Interval);
        return remaining > TimeSpan.Zero
            ? new CatchUpPlan(windows, remaining, new TimeWindow(previous, previous + remaining))
            : new CatchUpPlan(windows, TimeSpan.Zero, null);
    }
}
