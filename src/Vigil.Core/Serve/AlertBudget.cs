using Vigil.Alert;
using Vigil.Store;

namespace Vigil.Serve;

/// <summary>
/// Writes the alerts of one window in the order matches arrive, at most <c>max_signals</c> new
/// ones, capped as Kibana caps them. As in Kibana's persistence writer, an alert that already exists is skipped before the
/// budget is applied, so duplicates never use it.
/// </summary>
internal sealed class AlertBudget(ScheduledRule rule, IAlertWriter alerts, ExecutionContext execution, long maxNewAlerts)
{
    private readonly WindowResult _result = new();

    public AlertBudget(ScheduledRule rule, IAlertWriter alerts, ExecutionContext execution)
        : this(rule, alerts, execution, rule.MaxSignals)
    {
    }

    public WindowResult Result => _result;

    public void Offer(StoredEvent candidate)
    {
        _result.EventsSearched++;
        if (!rule.Matches(candidate.Document))
        {
            return;
        }

        _result.Matches++;
        var id = AlertIds.AlertUuid(candidate.Document.DataStream, AlertIds.SourceId(candidate.Document), rule.Rule.Uuid);
        if (alerts.Exists(id))
        {
            _result.DuplicatesSkipped++;
            return;
        }

        if (_result.AlertsCreated >= maxNewAlerts)
        {
            NotAlerted(candidate);
            return;
        }

        if (!alerts.Write(id, rule.Rule, execution.BuildAlert(rule.Rule, candidate.Document)))
        {
            _result.DuplicatesSkipped++;
            return;
        }

        _result.AlertsCreated++;
    }

    /// <summary>
    /// Counts the matches in <paramref name="window"/> that have no alert and writes no alert: it
    /// checks what an earlier window left, while only the rule's own windows create alerts.
    /// </summary>
    public static WindowResult CountNotAlerted(ScheduledRule rule, IScheduledEventSource events, IAlertWriter alerts, ExecutionContext execution, TimeWindow window) =>
        Offer(new AlertBudget(rule, alerts, execution, maxNewAlerts: 0), events, rule.Window(window));

    public static WindowResult Search(ScheduledRule rule, IScheduledEventSource events, IAlertWriter alerts, ExecutionContext execution, TimeWindow window) =>
        Offer(new AlertBudget(rule, alerts, execution), events, rule.Window(window));

    private static WindowResult Offer(AlertBudget budget, IScheduledEventSource events, EventWindow window)
    {
        foreach (var candidate in events.ReadWindow(window))
        {
            budget.Offer(candidate);
        }

        return budget.Result;
    }

    // Events are read in the order of the rule's time field, but those that fall back to
    // @timestamp come last, so the span is kept as the minimum and maximum time, not the first.
    private void NotAlerted(StoredEvent candidate)
    {
        _result.MatchesNotAlerted++;
        if (rule.TimeOf(candidate) is { } time)
        {
            _result.NotAlertedFromMs = Math.Min(time, _result.NotAlertedFromMs ?? time);
            _result.NotAlertedToMs = Math.Max(time, _result.NotAlertedToMs ?? time);
        }

        if (candidate.Ingested is { } ingested)
        {
            var ingestedMs = ingested.ToUnixTimeMilliseconds();
            _result.NotAlertedMinIngestedMs = Math.Min(ingestedMs, _result.NotAlertedMinIngestedMs ?? ingestedMs);
        }
    }
}
