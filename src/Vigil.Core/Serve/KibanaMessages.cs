using System.Globalization;

namespace Vigil.Serve;

/// <summary>Execution messages worded exactly as Kibana's detection engine words them.</summary>
internal static class KibanaMessages
{
    /// <summary><c>getMaxSignalsWarning</c> in the detection engine's <c>utils.ts</c>.</summary>
    public const string MaxSignalsReached =
        "This rule reached the maximum alert limit for the rule execution. Some alerts were not created.";

    /// <summary>The gap error of the security rule type wrapper, for time no catch-up window reached.</summary>
    public static string Gap(TimeSpan remainingGap) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Humanize.Duration(remainingGap)} ({(long)remainingGap.TotalMilliseconds}ms) were not queried between this rule execution and the last execution, so signals may have been missed. Consider increasing your look behind time or adding more Kibana instances");
}
