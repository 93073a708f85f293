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

    public const string KueryLanguage = "kuery";
}
