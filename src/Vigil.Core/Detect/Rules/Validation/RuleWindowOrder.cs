using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Checks that a rule's <c>from</c> comes before its <c>to</c>. Kibana's rule API checks only the
/// date math syntax. Its executor (<c>getRuleRangeTuples</c>) then searches the reversed range,
/// which contains no event, and reports a gap at every run, because a negative window adds to the gap.
/// </summary>
internal static class RuleWindowOrder
{
    /// <summary>
    /// Run start times at which both ends are resolved: midnight on a Monday and at a month's end,
    /// and times inside a day, so that rounding (<c>/d</c>, <c>/w</c>) and calendar months of 28 to
    /// 31 days each get a start where the order shows.
    /// </summary>
    private static readonly DateTimeOffset[] SampleStarts =
    [
        new(2024, 2, 29, 12, 34, 56, 789, TimeSpan.Zero),
        new(2025, 1, 31, 0, 0, 0, TimeSpan.Zero),
        new(2025, 3, 1, 23, 59, 59, 999, TimeSpan.Zero),
        new(2025, 6, 2, 0, 0, 0, TimeSpan.Zero),
        new(2025, 12, 31, 6, 0, 0, TimeSpan.Zero),
    ];

    /// <summary>
    /// True when <paramref name="from"/> resolves to the same time as <paramref name="to"/> or a
    /// later one at every sample start, so the window is empty at every run. A window that is empty
    /// only at some starts, such as <c>now/d</c> to <c>now</c> at midnight, passes. Text that is not
    /// date math returns false, because the syntax checks report it.
    /// </summary>
    public static bool IsNeverBeforeTo(string from, string to)
    {
        if (!DateMath.TryParse(from, roundUp: false, out var start) || !DateMath.TryParse(to, roundUp: false, out var end))
        {
            return false;
        }

        return SampleStarts.All(now => Resolve(start!, now) >= Resolve(end!, now));
    }

    /// <summary>
    /// Returns the longest time from <paramref name="from"/> to <paramref name="to"/> at the sample
    /// starts, or null when either is not date math. A window with rounding, such as <c>now/d</c>,
    /// changes length from run to run, and this is its longest.
    /// </summary>
    public static TimeSpan? LongestSpan(string from, string to)
    {
        if (!DateMath.TryParse(from, roundUp: false, out var start) || !DateMath.TryParse(to, roundUp: false, out var end))
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(SampleStarts.Max(now => Resolve(end!, now) - Resolve(start!, now)));
    }

    /// <summary>
    /// Returns what to do about a <c>from</c> that is never before <paramref name="to"/>, the end of
    /// each such error. The example is 6 minutes before the rule's own <c>to</c>, because the
    /// default <c>now-6m</c> is not before a <c>to</c> such as <c>now-1h</c>.
    /// </summary>
    public static string Fix(string to)
    {
        if (to == RuleDefaults.To)
        {
            return $"set a time before rule.to, such as \"{RuleDateMath.Example}\" with the default rule.to \"{RuleDefaults.To}\"";
        }

        // Appending a step is date math only when to has no rounding (now-1h/h cannot take one).
        var example = to + "-6m";
        return RuleDateMath.TryParseOffset(example, out _) && !IsNeverBeforeTo(example, to)
            ? $"set a time before rule.to \"{to}\", such as \"{example}\""
            : $"set a time before rule.to \"{to}\"";
    }

    /// <summary>Returns why a <paramref name="from"/> that is never before <paramref name="to"/> is wrong, without the fix, or null.</summary>
    public static string? Problem(string from, string to) => IsNeverBeforeTo(from, to)
        ? $"invalid rule.from \"{from}\": it must be before rule.to \"{to}\", or every run searches an empty window and reports a gap"
        : null;

    /// <summary>Returns the error for a <paramref name="from"/> that is never before <paramref name="to"/>, with the fix, or null.</summary>
    public static string? Error(string from, string to) => Problem(from, to) is { } problem ? $"{problem}; {Fix(to)}" : null;

    private static long Resolve(DateMath bound, DateTimeOffset now) => bound.Resolve(new FixedClock(now));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
