using Microsoft.Extensions.Logging;
using Vigil.Alert;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// Logs the execution log entries of one scheduler step. Consecutive backfill chunks of one run
/// that found no match and raised no warning share one line, because a backfill after a long stop
/// searches up to 288 chunks per rule, mostly empty. Every other entry gets its own lines.
/// </summary>
internal static class ExecutionLogRuns
{
    public static void Log(ILogger logger, IEnumerable<ExecutionLogEntry> entries)
    {
        var empty = new List<ExecutionLogEntry>();
        foreach (var entry in entries)
        {
            if (empty.Count > 0 && !(IsEmptyChunk(entry) && SameRun(empty[0], entry)))
            {
                LogEmptyChunks(logger, empty);
                empty.Clear();
            }

            if (IsEmptyChunk(entry))
            {
                empty.Add(entry);
            }
            else
            {
                ExecutionLogText.Log(logger, entry);
            }
        }

        LogEmptyChunks(logger, empty);
    }

    private static bool IsEmptyChunk(ExecutionLogEntry entry) =>
        entry is { Kind: ExecutionKind.Backfill, Status: ExecutionStatus.Succeeded, Matches: 0, AlertsCreated: 0, DuplicatesSkipped: 0, LateEvents: 0, Error: null, Warnings.Count: 0, Windows.Count: 1 };

    private static bool SameRun(ExecutionLogEntry first, ExecutionLogEntry entry) =>
        first.RuleUuid == entry.RuleUuid && first.ExecutionUuid == entry.ExecutionUuid;

    private static void LogEmptyChunks(ILogger logger, List<ExecutionLogEntry> chunks)
    {
        if (chunks.Count == 0)
        {
            return;
        }

        if (chunks.Count == 1)
        {
            ExecutionLogText.Log(logger, chunks[0]);
            return;
        }

        var (from, to) = (KibanaTime.Format(chunks[0].Windows[0].From), KibanaTime.Format(chunks[^1].Windows[0].To));
        var searched = chunks.Sum(chunk => chunk.EventsSearched);
        var durationMs = (long)chunks.Sum(chunk => chunk.Duration.TotalMilliseconds);
        var ruleId = TerminalText.Sanitize(chunks[0].RuleId);
        ServeLog.EmptyChunksFinished(logger, ruleId, chunks[0].ExecutionUuid, chunks.Count, from, to, searched, durationMs);
    }
}
