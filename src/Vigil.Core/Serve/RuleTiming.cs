using Vigil.Detect.Kql.Matching;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Serve;

/// <summary>A rule's <c>interval</c>, <c>from</c> and <c>to</c>, parsed once and resolved at each run start.</summary>
internal sealed class RuleTiming
{
    private readonly DateMath _from;
    private readonly DateMath _to;

    private RuleTiming(TimeSpan interval, DateMath from, DateMath to)
    {
        Interval = interval;
        _from = from;
        _to = to;
    }

    public TimeSpan Interval { get; }

    /// <summary>Parses the rule's schedule, or returns an error that names the field, the value and the fix.</summary>
    public static bool TryCreate(DetectionRule rule, out RuleTiming? timing, out string? error)
    {
        timing = null;
        error = null;

        if (!RuleInterval.IsValid(rule.Interval) || !RuleDateMath.TryParseOffset("now+" + rule.Interval, out var interval))
        {
            error = $"invalid rule.interval \"{rule.Interval}\": {RuleInterval.Expected}";
            return false;
        }

        if (!DateMath.TryParse(rule.From, roundUp: false, out var from) || !from!.UsesNow)
        {
            error = $"invalid rule.from \"{rule.From}\": expected date math relative to now, such as \"{RuleDateMath.Example}\"";
            return false;
        }

        if (!DateMath.TryParse(rule.To, roundUp: false, out var to) || !to!.UsesNow)
        {
            error = $"invalid rule.to \"{rule.To}\": expected date math relative to now, such as \"now\"";
            return false;
        }

        if (RuleWindowOrder.Error(rule.From, rule.To) is { } order)
        {
            error = order;
            return false;
        }

        timing = new RuleTiming(interval, from, to);
        return true;
    }

    /// <summary>
    /// Resolves the window at the run's actual start: Kibana parses <c>from</c> and <c>to</c> with
    /// <c>forceNow</c> set to the task's start time, not its scheduled time.
    /// </summary>
    public TimeWindow Resolve(DateTimeOffset startedAt)
    {
        var now = new FixedClock(startedAt);
        return TimeWindow.FromMilliseconds(_from.Resolve(now), _to.Resolve(now));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
