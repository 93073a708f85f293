namespace Vigil.Serve;

/// <summary>Execution messages worded exactly as Kibana's detection engine words them.</summary>
internal static class KibanaMessages
{
    /// <summary><c>getMaxSignalsWarning</c> in the detection engine's <c>utils.ts</c>.</summary>
    public const string MaxSignalsReached =
        "This rule reached the maximum alert limit for the rule execution. Some alerts were not created.";
}
