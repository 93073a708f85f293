namespace Vigil.Detect.Rules.Lint.Checks;

/// <summary>
/// Reports a <c>timestamp_override</c> that <c>vigil serve</c> and <c>vigil rules run</c> cannot
/// schedule. Their store indexes events by <c>@timestamp</c> and <c>event.ingested</c> only, so
/// they register such a rule and never run it, while <c>vigil hunt</c> applies the window to the field.
/// </summary>
internal static class TimestampOverrideCheck
{
    /// <summary>The time fields the store indexes, as the scheduler checks them.</summary>
    private static readonly string[] ScheduledFields = ["@timestamp", "event.ingested"];

    public static void Run(LintContext context)
    {
        var field = context.Rule.TimestampOverride;
        if (string.IsNullOrEmpty(field) || ScheduledFields.Contains(field, StringComparer.Ordinal))
        {
            return;
        }

        context.AtField(
            LintIds.TimestampOverrideNotScheduled,
            LintSeverity.Warning,
            "rule.timestamp_override",
            $"timestamp_override \"{field}\" cannot be scheduled: serve and rules run register the rule but never run it, because their store indexes only @timestamp and event.ingested; hunt runs it with the window on {field}",
            "set timestamp_override to event.ingested, or remove it to use @timestamp");
    }
}
