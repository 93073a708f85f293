using System.Diagnostics.Metrics;

namespace Vigil.Detect.Rules;

/// <summary>Counters of the rule loader, published on the <c>Vigil.Rules</c> meter.</summary>
internal static class RuleMetrics
{
    public const string MeterName = "Vigil.Rules";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RulesLoaded =
        Meter.CreateCounter<long>("vigil.rules.loaded", "{rule}", "Rules parsed from TOML text, built-in rules included.");

    public static readonly Counter<long> RulesFailed =
        Meter.CreateCounter<long>("vigil.rules.failed", "{file}", "Rule files or texts that failed to load.");
}
