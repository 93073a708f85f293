namespace Vigil.Detect.Rules;

/// <summary>
/// Kibana's defaults for rule fields a file leaves out (<c>RULE_DEFAULTS</c> and
/// <c>DEFAULT_MAX_SIGNALS</c> in Kibana's security solution).
/// </summary>
internal static class RuleDefaults
{
    public const int Version = 1;

    public const string Interval = "5m";

    public const string From = "now-6m";

    public const string To = "now";

    public const int MaxSignals = 100;

    /// <summary>
    /// The default of Kibana's <c>xpack.alerting.rules.run.alerts.max</c>: the most alerts a rule
    /// run writes, whatever its <c>max_signals</c>. Vigil has no setting for it.
    /// </summary>
    public const int MaxAlertsPerRun = 1000;

    public const string KueryLanguage = "kuery";
}
