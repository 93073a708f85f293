using System.Globalization;
using Vigil.Alert;

namespace Vigil.Serve;

/// <summary>The store, clock and settings every execution uses, and the window search they share.</summary>
internal sealed class ExecutionServices(IScheduledEventSource events, IAlertWriter alerts, TimeProvider clock, SchedulerOptions options)
{
    public IScheduledEventSource Events { get; } = events;

    public IAlertWriter Alerts { get; } = alerts;

    public TimeProvider Clock { get; } = clock;

    public SchedulerOptions Options { get; } = options;

    /// <summary>
    /// Searches one window with its own <c>max_signals</c> budget and records it in the ledger.
    /// Matches left without an alert are kept as an uncovered range that is not retried: Kibana
    /// never revisits them, and a later run reads them again only inside its look-back overlap.
    /// </summary>
    public WindowResult SearchWindow(ScheduledRule rule, RuleState state, ExecutionContext context, ExecutionRecord record, TimeWindow window)
    {
        var result = AlertBudget.Search(rule, Events, Alerts, context, window);
        record.Add(window, result);
        state.AlertCount += result.AlertsCreated;
        state.Ledger.Add(window);
        state.Uncovered.RemoveAll(u => u.WillRetry && u.Window.FromMs >= window.FromMs && u.Window.ToMs <= window.ToMs);

        if (result.Truncated)
        {
            var first = result.FirstNotAlertedMs ?? window.FromMs;
            var reason = string.Create(
                CultureInfo.InvariantCulture,
                $"max_signals ({rule.Rule.MaxSignals}) reached at {KibanaTime.Format(context.StartedAt)}: {result.MatchesNotAlerted} {(result.MatchesNotAlerted == 1 ? "match was" : "matches were")} not alerted");
            var from = Math.Max(first, window.FromMs);
            state.Uncovered.Add(new UncoveredRange(TimeWindow.FromMilliseconds(from, Math.Max(from, window.ToMs)), reason, WillRetry: false));
        }

        return result;
    }
}
