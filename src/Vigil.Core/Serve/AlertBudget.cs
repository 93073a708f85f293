using Vigil.Alert;
using Vigil.Store;

namespace Vigil.Serve;

/// <summary>
/// Writes the alerts of one window in the order matches arrive, at most <c>max_signals</c> new
/// ones. As in Kibana's persistence writer, an alert that already exists is skipped before the
/// budget is applied, so duplicates never use it.
/// </summary>
internal sealed class AlertBudget(ScheduledRule rule, IAlertWriter alerts, ExecutionContext execution)
{
    private readonly WindowResult _result = new();

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

        if (_result.AlertsCreated >= rule.Rule.MaxSignals)
        {
            _result.MatchesNotAlerted++;
            _result.FirstNotAlertedMs ??= rule.TimeOf(candidate);
            return;
        }

        if (!alerts.Write(id, rule.Rule, execution.BuildAlert(rule.Rule, candidate.Document)))
        {
            _result.DuplicatesSkipped++;
            return;
        }

        _result.AlertsCreated++;
    }

    public static WindowResult Search(ScheduledRule rule, IScheduledEventSource events, IAlertWriter alerts, ExecutionContext execution, TimeWindow window)
    {
        var budget = new AlertBudget(rule, alerts, execution);
        foreach (var candidate in events.ReadWindow(rule.Window(window)))
        {
            budget.Offer(candidate);
        }

        return budget.Result;
    }
}
