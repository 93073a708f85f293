using Microsoft.Extensions.Logging;
using Vigil.Alert;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// Logs the rule state changes that <c>vigil serve</c> notices between two steps. These are a rule
/// disabled or enabled by <c>vigil rules disable|enable</c>, and a range given up for good, which
/// otherwise appears only in <c>vigil rules status</c>.
/// </summary>
/// <remarks>
/// The first step only records the state, so a restart does not log the ranges given up before it.
/// </remarks>
internal sealed class RuleChangeLog(ILogger logger)
{
    private readonly Dictionary<string, bool> _enabled = new(StringComparer.Ordinal);
    private readonly HashSet<(string Rule, long From, long To, UncoveredKind Kind)> _givenUp = [];
    private bool _started;

    public void Report(IReadOnlyList<RuleStatus> statuses)
    {
        foreach (var status in statuses)
        {
            var ruleId = TerminalText.Sanitize(status.RuleId);
            var name = TerminalText.Sanitize(status.Name);
            if (_enabled.TryGetValue(status.RuleUuid, out var wasEnabled) && wasEnabled != status.Enabled)
            {
                var change = status.Enabled ? "enabled: it runs from its next step" : "disabled: it stops until enabled";
                ServeLog.RuleSwitched(logger, ruleId, name, change);
            }

            _enabled[status.RuleUuid] = status.Enabled;
            foreach (var range in status.Uncovered.Where(range => !range.WillRetry))
            {
                if (_givenUp.Add((status.RuleUuid, range.Window.FromMs, range.Window.ToMs, range.Kind)) && _started)
                {
                    var reason = TerminalText.Sanitize(range.Reason);
                    ServeLog.RangeGivenUp(logger, ruleId, name, KibanaTime.Format(range.Window.From), KibanaTime.Format(range.Window.To), reason);
                }
            }
        }

        _started = true;
    }
}
