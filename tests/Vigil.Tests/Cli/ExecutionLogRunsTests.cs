using Vigil.Cli;
using Vigil.Serve;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// Serve logs a run of backfill chunks that found nothing as one line, and every chunk with a match,
/// a warning or an error, and every other execution, on its own.
/// </summary>
public sealed class ExecutionLogRunsTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EmptyChunks_OneLinePerRun()
    {
        var logger = new ListLogger();
        List<ExecutionLogEntry> entries = [.. Chunks(0, 5), Chunk(5) with { EventsSearched = 3, Matches = 1, AlertsCreated = 1 }, .. Chunks(6, 3)];

        ExecutionLogRuns.Log(logger, entries);

        Assert.Equal(3, logger.Lines.Count);
        Assert.Equal("Rule r1 run run-1 (backfill) 5 windows from 2026-12-04T10:00:00.000Z to 2026-12-04T10:00:49.999Z: succeeded, no matches, searched 0, 5 ms", logger.Lines[0]);
        Assert.StartsWith("Rule r1 run run-1 (backfill) window [2026-12-04T10:00:50.000Z, 2026-12-04T10:00:59.999Z]: succeeded, searched 3, matches 1, alerts created 1", logger.Lines[1], StringComparison.Ordinal);
        Assert.Equal("Rule r1 run run-1 (backfill) 3 windows from 2026-12-04T10:01:00.000Z to 2026-12-04T10:01:29.999Z: succeeded, no matches, searched 0, 3 ms", logger.Lines[2]);
    }

    [Fact]
    public void SingleEmptyChunk_OwnLine()
    {
        var logger = new ListLogger();

        ExecutionLogRuns.Log(logger, [Chunk(0)]);

        var line = Assert.Single(logger.Lines);
        Assert.StartsWith("Rule r1 run run-1 (backfill) window [2026-12-04T10:00:00.000Z, 2026-12-04T10:00:09.999Z]: succeeded, searched 0, matches 0", line, StringComparison.Ordinal);
    }

    [Fact]
    public void WarningChunk_OwnLines()
    {
        var logger = new ListLogger();
        List<ExecutionLogEntry> entries = [.. Chunks(0, 2), Chunk(2) with { Status = ExecutionStatus.PartialFailure, Warnings = ["a warning"] }, Chunk(3) with { Status = ExecutionStatus.Failed, Error = "the search failed" }];

        ExecutionLogRuns.Log(logger, entries);

        Assert.Equal(5, logger.Lines.Count);
        Assert.StartsWith("Rule r1 run run-1 (backfill) 2 windows from ", logger.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Rule r1 run run-1 (backfill) window [2026-12-04T10:00:20.000Z", logger.Lines[1], StringComparison.Ordinal);
        Assert.Equal("Rule r1 run run-1: a warning", logger.Lines[2]);
        Assert.StartsWith("Rule r1 run run-1 (backfill) window [2026-12-04T10:00:30.000Z", logger.Lines[3], StringComparison.Ordinal);
        Assert.Equal("Rule r1 run run-1 failed: the search failed", logger.Lines[4]);
    }

    [Fact]
    public void OtherRulesAndKinds_NotMerged()
    {
        var logger = new ListLogger();
        var scheduled = Chunk(0) with { Kind = ExecutionKind.Scheduled };
        List<ExecutionLogEntry> entries = [scheduled, scheduled, .. Chunks(0, 2), .. Chunks(2, 2).Select(chunk => chunk with { RuleUuid = "uuid-2", RuleId = "r2" })];

        ExecutionLogRuns.Log(logger, entries);

        Assert.Equal(4, logger.Lines.Count);
        Assert.StartsWith("Rule r1 run run-1 (scheduled) window ", logger.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Rule r1 run run-1 (scheduled) window ", logger.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Rule r1 run run-1 (backfill) 2 windows from 2026-12-04T10:00:00.000Z", logger.Lines[2], StringComparison.Ordinal);
        Assert.StartsWith("Rule r2 run run-1 (backfill) 2 windows from 2026-12-04T10:00:20.000Z", logger.Lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void ControlCharacters_Escaped()
    {
        var logger = new ListLogger();

        ExecutionLogRuns.Log(logger, Chunks(0, 2).Select(chunk => chunk with { RuleId = "evil\u001b[2J" }));

        Assert.DoesNotContain('\u001b', Assert.Single(logger.Lines));
    }

    private static IEnumerable<ExecutionLogEntry> Chunks(int first, int count) => Enumerable.Range(first, count).Select(Chunk);

    /// <summary>The empty backfill chunk number <paramref name="index"/>, ten seconds long, from 10:00.</summary>
    private static ExecutionLogEntry Chunk(int index)
    {
        var from = Ten.AddSeconds(10 * index);
        return new ExecutionLogEntry
        {
            RuleUuid = "uuid-1",
            RuleId = "r1",
            ExecutionUuid = "run-1",
            Kind = ExecutionKind.Backfill,
            StartedAt = Ten.AddHours(1),
            EndedAt = Ten.AddHours(1),
            Windows = [new TimeWindow(from, from.AddSeconds(10).AddMilliseconds(-1))],
            Status = ExecutionStatus.Succeeded,
            Duration = TimeSpan.FromMilliseconds(1),
        };
    }
}
