using Microsoft.Extensions.Logging;
using Vigil.Alert;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// Warns once per rule and schedule when the clock moved back under <c>vigil serve</c>, so that a
/// rule waiting for its old schedule is not silent: it runs no window until the clock gets there.
/// </summary>
internal sealed class ClockMovedBackLog(ILogger logger)
{
    private readonly HashSet<(string Rule, DateTimeOffset NextRunAt)> _warned = [];

    public void Report(RuleScheduler scheduler, DateTimeOffset now)
    {
        foreach (var (rule, next) in scheduler.RulesLastRunAfterNow())
        {
            if (_warned.Add((rule.Uuid, next)))
            {
                ServeLog.ClockMovedBack(
                    logger,
                    TerminalText.Sanitize(rule.RuleId),
                    TerminalText.Sanitize(rule.Name),
                    KibanaTime.Format(next),
                    KibanaTime.Format(now));
            }
        }
    }
}
