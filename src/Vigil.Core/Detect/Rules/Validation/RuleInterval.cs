namespace Vigil.Detect.Rules.Validation;

/// <summary>The range of a rule's <c>interval</c> that Vigil's scheduler runs.</summary>
internal static class RuleInterval
{
    /// <summary>
    /// The maximum interval, 100 years. Kibana sets no maximum, but the scheduler adds and subtracts
    /// several intervals (catch-up windows, the next run) to the run's start, and the result must
    /// stay inside the years 1 to 9999 that .NET dates hold.
    /// </summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(36500);

    /// <summary>The fix that an invalid interval's error gives.</summary>
    public const string Expected = "expected a positive whole number followed by s, m, h or d, at most 36500d (100 years), such as \"5m\"";

    /// <summary>Whether <paramref name="interval"/> is a positive duration no longer than <see cref="Max"/>.</summary>
    public static bool IsValid(string interval) =>
        RuleDateMath.TryParseOffset("now+" + interval, out var span) && span > TimeSpan.Zero && span <= Max;
}
