using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>Logs an execution log entry: its summary, each warning and its error, with the rule and run ids.</summary>
internal static class ExecutionLogText
{
    public static void Log(ILogger logger, ExecutionLogEntry entry)
    {
        var ruleId = TerminalText.Sanitize(entry.RuleId);
        var kind = Kind(entry.Kind);
        var windows = Windows(entry);
        ServeLog.ExecutionFinished(
            logger,
            ruleId,
            entry.ExecutionUuid,
            kind,
            windows,
            entry.Status,
            entry.EventsSearched,
            entry.Matches,
            entry.AlertsCreated,
            entry.DuplicatesSkipped,
            entry.LateEvents,
            (long)entry.Duration.TotalMilliseconds);

        foreach (var warning in entry.Warnings)
        {
            ServeLog.ExecutionWarning(logger, ruleId, entry.ExecutionUuid, TerminalText.Sanitize(warning));
        }

        if (entry.Error is { } error)
        {
            ServeLog.ExecutionFailed(logger, ruleId, entry.ExecutionUuid, TerminalText.Sanitize(error));
        }
    }

    /// <summary>The windows searched, oldest first, or "late events" for a late evaluation, which has none.</summary>
    public static string Windows(ExecutionLogEntry entry) => entry.Windows.Count == 0
        ? "late events"
        : string.Join(" ", entry.Windows.Select(w => w.ToString()));

    public static string Kind(ExecutionKind kind) => kind switch
    {
        ExecutionKind.Scheduled => "scheduled",
        ExecutionKind.Backfill => "backfill",
        ExecutionKind.Late => "late",
        ExecutionKind.Manual => "manual",
        _ => kind.ToString(),
    };
}
