using System.Globalization;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports a schedule that Kibana runs with a hole or warns about: a look-back (<c>from</c> to
/// <c>to</c>) shorter than the <c>interval</c>, and an <c>interval</c> below Kibana's minimum.
/// </summary>
internal static class ScheduleCheck
{
    /// <summary>
    /// The default of Kibana's <c>xpack.alerting.rules.minimumScheduleInterval.value</c>. A shorter
    /// interval is saved with a warning in Kibana's log, or rejected when
    /// <c>xpack.alerting.rules.minimumScheduleInterval.enforce</c> is true.
    /// </summary>
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);

    public static void Run(LintContext context)
    {
        var rule = context.Rule;
        if (!RuleInterval.IsValid(rule.Interval) || !RuleDateMath.TryParseOffset("now+" + rule.Interval, out var interval))
        {
            return;
        }

        if (interval < MinimumInterval)
        {
            context.AtField(LintIds.IntervalBelowMinimum, LintSeverity.Warning, "rule.interval",
                $"rule.interval \"{rule.Interval}\" is shorter than Kibana's minimum rule interval of 1m (xpack.alerting.rules.minimumScheduleInterval.value): Kibana logs a warning when the rule is saved, and rejects it when xpack.alerting.rules.minimumScheduleInterval.enforce is true",
                "set an interval of 1m or more, such as \"1m\", with a from that reaches back at least as far");
        }

        if (RuleWindowOrder.LongestSpan(rule.From, rule.To) is { } lookBack && lookBack > TimeSpan.Zero && lookBack < interval)
        {
            context.AtField(LintIds.LookBackShorterThanInterval, LintSeverity.Warning, "rule.from",
                $"rule.from \"{rule.From}\" reaches back {Duration(lookBack)} from rule.to \"{rule.To}\", less than rule.interval \"{rule.Interval}\", so Kibana never searches the {Duration(interval - lookBack)} before each run's window. It reports no gap for it, because its catch-up windows repeat the window one interval earlier and leave the same hole",
                $"set rule.from to at least one interval before rule.to, such as \"{SuggestedFrom(rule.To, interval)}\" (the interval plus 1m for events that arrive late)");
        }
    }

    /// <summary>Returns a <c>from</c> one interval and a minute before <paramref name="to"/>, or that duration in words when <paramref name="to"/> cannot take a step, such as <c>now/d</c>.</summary>
    private static string SuggestedFrom(string to, TimeSpan interval)
    {
        var step = "-" + Duration(interval + TimeSpan.FromMinutes(1));
        return RuleDateMath.TryParseOffset(to + step, out _) ? to + step : $"{Duration(interval + TimeSpan.FromMinutes(1))} before rule.to";
    }

    /// <summary>Writes a duration in the largest date math unit that divides it: <c>90s</c>, <c>6m</c>, <c>2h</c>.</summary>
    private static string Duration(TimeSpan span)
    {
        var seconds = (long)span.TotalSeconds;
        var (amount, unit) = seconds % 3600 == 0 ? (seconds / 3600, "h") : seconds % 60 == 0 ? (seconds / 60, "m") : (seconds, "s");
        return amount.ToString(CultureInfo.InvariantCulture) + unit;
    }
}
