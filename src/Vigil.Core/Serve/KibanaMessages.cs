using System.Globalization;

namespace Vigil.Serve;

/// <summary>Execution messages worded exactly as Kibana's detection engine words them.</summary>
internal static class KibanaMessages
{
    /// <summary><c>getMaxSignalsWarning</c> in the detection engine's <c>utils.ts</c>.</summary>
    public const string MaxSignalsReached =
        "This rule reached the maximum alert limit for the rule execution. Some alerts were not created.";

    /// <summary>
    /// The warning of <c>getRuleRangeTuples</c> in the detection engine's <c>utils.ts</c> for a
    /// <c>max_signals</c> above the alerting framework's limit on alerts per run.
    /// </summary>
    public static string MaxSignalsAboveLimit(int maxSignals, int limit) => string.Create(
        CultureInfo.InvariantCulture,
        $"The rule's max alerts per run setting ({maxSignals}) is greater than the Kibana alerting limit ({limit}). The rule will only write a maximum of {limit} alerts per rule run.");
}
