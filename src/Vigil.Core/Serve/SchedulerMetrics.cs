using System.Diagnostics.Metrics;

namespace Vigil.Serve;

/// <summary>Counters of the rule scheduler under the meter <c>Vigil.Serve</c>, tagged by <c>rule_id</c>.</summary>
internal static class SchedulerMetrics
{
    public const string MeterName = "Vigil.Serve";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Executions = Meter.CreateCounter<long>("vigil.serve.executions", "{execution}", "Rule executions, tagged by kind and status.");

    public static readonly Counter<long> EventsSearched = Meter.CreateCounter<long>("vigil.serve.events_searched", "{event}", "Stored events read by rule executions.");

    public static readonly Counter<long> AlertsCreated = Meter.CreateCounter<long>("vigil.serve.alerts_created", "{alert}", "New alerts written by rule executions.");

    public static readonly Counter<long> MatchesNotAlerted = Meter.CreateCounter<long>("vigil.serve.matches_not_alerted", "{event}", "Matches left without an alert because a window reached max_signals.");

    public static readonly Counter<long> LateEvents = Meter.CreateCounter<long>("vigil.serve.late_events", "{event}", "Events evaluated after their time range had been searched.");

    public static readonly Counter<double> Duration = Meter.CreateCounter<double>("vigil.serve.execution_duration", "ms", "Time spent in rule executions.");

    /// <summary>Adds one finished execution to the counters.</summary>
    public static void Record(ExecutionLogEntry entry)
    {
        var rule = new KeyValuePair<string, object?>("rule_id", entry.RuleId);
        Executions.Add(1, rule, new("kind", entry.Kind.ToString()), new("status", entry.Status));
        EventsSearched.Add(entry.EventsSearched, rule);
        AlertsCreated.Add(entry.AlertsCreated, rule);
        MatchesNotAlerted.Add(entry.MatchesNotAlerted, rule);
        LateEvents.Add(entry.LateEvents, rule);
        Duration.Add(entry.Duration.TotalMilliseconds, rule);
    }
}
