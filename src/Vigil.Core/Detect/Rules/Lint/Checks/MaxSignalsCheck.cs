using System.Globalization;

namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports a <c>max_signals</c> above <see cref="RuleDefaults.MaxAlertsPerRun"/>, the default of
/// Kibana's <c>xpack.alerting.rules.run.alerts.max</c>. Kibana, serve and <c>rules run</c> cap each
/// run at that limit and log a warning at every run; a hunt applies no cap.
/// </summary>
internal static class MaxSignalsCheck
{
    public static void Run(LintContext context)
    {
        var maxSignals = context.Rule.MaxSignals;
        if (maxSignals <= RuleDefaults.MaxAlertsPerRun)
        {
            return;
        }

        var limit = RuleDefaults.MaxAlertsPerRun.ToString(CultureInfo.InvariantCulture);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"max_signals {maxSignals} is above Kibana's alerting limit of {limit} alerts per rule run (xpack.alerting.rules.run.alerts.max), so Kibana, serve and rules run write at most {limit} alerts per run and log a warning at every run");
        context.AtField(LintIds.MaxSignalsAboveLimit, LintSeverity.Warning, "rule.max_signals", message, $"set max_signals to {limit} or less, or raise xpack.alerting.rules.run.alerts.max in kibana.yml for Kibana");
    }
}
