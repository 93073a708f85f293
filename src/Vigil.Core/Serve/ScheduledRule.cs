using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Filters;
using Vigil.Map;
using Vigil.Store;

namespace Vigil.Serve;

/// <summary>A rule the scheduler can run: its query compiled, its schedule parsed and its time axis chosen.</summary>
internal sealed class ScheduledRule
{
    public const string TimestampField = "@timestamp";
    public const string IngestedField = "event.ingested";

    private const string QueryType = "query";
    private const string KqlLanguage = "kuery";

    private ScheduledRule(DetectionRule rule, RuleTiming timing, Func<EcsDocument, bool> matches, KqlNode? ast)
    {
        Rule = rule;
        Timing = timing;
        Matches = matches;
        TimeField = string.IsNullOrEmpty(rule.TimestampOverride) ? TimestampField : rule.TimestampOverride;
        FallbackToTimestamp = TimeField != TimestampField && !rule.TimestampOverrideFallbackDisabled;
        Ast = ast;
    }

    public DetectionRule Rule { get; }

    /// <summary>
    /// The maximum number of new alerts one window writes: <c>max_signals</c>, capped at
    /// <see cref="RuleDefaults.MaxAlertsPerRun"/> as Kibana caps it.
    /// </summary>
    // NOTE: Kibana's alerting framework may also bound the catch-up windows of one run together;
    // Vigil caps each window on its own.
    public int MaxSignals => Math.Min(Rule.MaxSignals, RuleDefaults.MaxAlertsPerRun);

    /// <summary>Kibana's warning for a <c>max_signals</c> above the cap, which each scheduled or manual run logs, or null below the cap.</summary>
    public string? MaxSignalsWarning => Rule.MaxSignals > RuleDefaults.MaxAlertsPerRun
        ? KibanaMessages.MaxSignalsAboveLimit(Rule.MaxSignals, RuleDefaults.MaxAlertsPerRun)
        : null;

    public RuleTiming Timing { get; }

    public Func<EcsDocument, bool> Matches { get; }

    /// <summary>The field the rule's windows apply to: <c>timestamp_override</c> when set, else <c>@timestamp</c>.</summary>
    public string TimeField { get; }

    public bool FallbackToTimestamp { get; }

    /// <summary>The parsed query, used to find the values a match must have.</summary>
    public KqlNode? Ast { get; }

    /// <summary>Late arrivals can only be missed when windows apply to event time.</summary>
    public bool WindowsOnEventTime => TimeField == TimestampField;

    /// <summary>The stored time column the rule's windows read.</summary>
    public EventTimeField StoredTimeField => TimeField == IngestedField ? EventTimeField.Ingested : EventTimeField.Timestamp;

    /// <summary>The store query for <paramref name="window"/>, restricted to candidate rows.</summary>
    public EventWindow Window(TimeWindow window) => new(window.From, window.To)
    {
        TimeField = StoredTimeField,
        FallbackToTimestamp = FallbackToTimestamp,
        Actions = Candidates.Actions,
        Providers = Candidates.Providers,
    };

    /// <summary>Returns the event's time on the rule's time axis, in Unix epoch milliseconds.</summary>
    public long? TimeOf(StoredEvent stored)
    {
        if (TimeField != IngestedField)
        {
            return stored.Timestamp?.ToUnixTimeMilliseconds();
        }

        var time = stored.Ingested ?? (FallbackToTimestamp ? stored.Timestamp : null);
        return time?.ToUnixTimeMilliseconds();
    }

    public CandidateValues Candidates { get; private init; } = CandidateValues.Any;

    /// <summary>Prepares <paramref name="rule"/>, or returns why the scheduler cannot run it.</summary>
    public static bool TryPrepare(DetectionRule rule, FieldMapping mapping, out ScheduledRule? prepared, out string? reason)
    {
        prepared = null;
        reason = CheckSupported(rule);
        if (reason is not null)
        {
            return false;
        }

        if (!RuleTiming.TryCreate(rule, out var timing, out reason))
        {
            return false;
        }

        var compiled = RuleQuery.Compile(rule, mapping);
        if (compiled.Error is not null)
        {
            reason = compiled.Error;
            return false;
        }

        if (RuleMappings.Problems(rule) is [var (_, mappingProblem), ..])
        {
            reason = mappingProblem;
            return false;
        }

        // The candidate rows come from the KQL query alone: the filters only narrow its matches further.
        var ast = Kql.Parse(rule.Query).Query;
        prepared = new ScheduledRule(rule, timing!, compiled.Matches!, ast)
        {
            Candidates = CandidateValues.For(ast, mapping),
        };
        return true;
    }

    /// <summary>Returns why the scheduler cannot run <paramref name="rule"/> with the CloudTrail mapping, or null when it can.</summary>
    public static string? CannotRunReason(DetectionRule rule) =>
        TryPrepare(rule, FieldMapping.CloudTrail, out _, out var reason) ? null : reason;

    /// <summary>The words every reason for a rule type or language the scheduler does not run contains.</summary>
    internal const string NotSupported = "is not supported by the scheduler";

    private static string? CheckSupported(DetectionRule rule)
    {
        if (rule.Type != QueryType)
        {
            return $"rule type {rule.Type} {NotSupported}; only query rules run";
        }

        if (rule.Language != KqlLanguage)
        {
            return $"query language {rule.Language} {NotSupported}; only kuery runs";
        }

        var index = rule.Index.Count == 0 ? RuleSupport.KibanaDefaultIndex : rule.Index;
        if (!IndexPatterns.Matches(index, EcsDocument.CloudTrailDataStream))
        {
            return $"its index patterns ({string.Join(", ", index)}) do not match the CloudTrail data stream {EcsDocument.CloudTrailDataStream}";
        }

        var field = rule.TimestampOverride;
        if (!string.IsNullOrEmpty(field) && field != TimestampField && field != IngestedField)
        {
            return $"timestamp_override \"{field}\" is not supported: the store indexes only @timestamp and event.ingested; remove the override or set it to event.ingested";
        }

        return null;
    }
}
