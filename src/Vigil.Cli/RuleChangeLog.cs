using Microsoft.Extensions.Logging;
using Vigil.Alert;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// Logs the rule state changes that <c>vigil serve</c> notices between two steps. These are a rule
/// disabled or enabled by <c>vigil rules disable|enable</c>, and a range that the backfill does not
/// search again, which otherwise appears only in <c>vigil rules status</c>.
/// </summary>
/// <remarks>
/// The first call only records the state, so a restart does not log the ranges given up before it.
/// Serve makes that call before its first step runs a rule, so the ranges that its first runs
/// leave uncovered are logged.
/// </remarks>
internal sealed class RuleChangeLog(ILogger logger)
{
    private readonly Dictionary<string, bool> _enabled = new(StringComparer.Ordinal);
    private readonly HashSet<(string Rule, long From, long To, UncoveredKind Kind)> _givenUp = [];
    private bool _started;

    /// <summary>Whether the state was recorded, so that <see cref="Report"/> logs what changed since.</summary>
    public bool Started => _started;

    /// <summary>
    /// Logs the changes since the previous call. <paramref name="lookBack"/> returns a rule's
    /// <c>from</c> by its saved-object id, or null when its file is not loaded.
    /// </summary>
    public void Report(IReadOnlyList<RuleStatus> statuses, Func<string, string?>? lookBack = null)
    {
        foreach (var status in statuses)
        {
            if (_enabled.TryGetValue(status.RuleUuid, out var wasEnabled) && wasEnabled != status.Enabled)
            {
                var change = status.Enabled ? "enabled: it runs from its next step" : "disabled: it stops until enabled";
                var (ruleId, name) = (TerminalText.Sanitize(status.RuleId), TerminalText.Sanitize(status.Name));
                ServeLog.RuleSwitched(logger, ruleId, name, change);
            }

            _enabled[status.RuleUuid] = status.Enabled;
            foreach (var range in status.Uncovered.Where(range => !range.WillRetry))
            {
                if (_givenUp.Add((status.RuleUuid, range.Window.FromMs, range.Window.ToMs, range.Kind)) && _started)
                {
                    LogGivenUp(status, range, lookBack?.Invoke(status.RuleUuid));
                }
            }
        }

        _started = true;
    }

    /// <summary>
    /// Logs a range that no later search can clear as one serve will not search. Any other range,
    /// such as one that reached <c>max_signals</c>, is logged with the searches that still reach it.
    /// </summary>
    private void LogGivenUp(RuleStatus status, UncoveredRange range, string? lookBack)
    {
        var ruleId = TerminalText.Sanitize(status.RuleId);
        var name = TerminalText.Sanitize(status.Name);
        var (from, to) = (KibanaTime.Format(range.Window.From), KibanaTime.Format(range.Window.To));
        var reason = TerminalText.Sanitize(range.Reason);
        if (range.Kind == UncoveredKind.Expired)
        {
            ServeLog.RangeGivenUp(logger, ruleId, name, from, to, reason);
            return;
        }

        var next = TerminalText.Sanitize(UncoveredRangeText.NextStep(range, lookBack));
        ServeLog.RangeUncovered(logger, ruleId, name, from, to, reason, next);
    }
}
