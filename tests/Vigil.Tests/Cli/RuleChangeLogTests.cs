using Vigil.Cli;
using Vigil.Serve;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>Serve logs a rule switched on or off and a range given up or left uncovered, once each, and nothing at its first step.</summary>
public sealed class RuleChangeLogTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FirstStep_LogsNothing()
    {
        var logger = new ListLogger();
        var changes = new RuleChangeLog(logger);

        changes.Report([Status(enabled: true, Expired())]);

        Assert.Empty(logger.Lines);
    }

    [Fact]
    public void Disabled_LoggedOnce()
    {
        var logger = new ListLogger();
        var changes = new RuleChangeLog(logger);
        changes.Report([Status(enabled: true)]);

        changes.Report([Status(enabled: false)]);
        changes.Report([Status(enabled: false)]);

        var line = Assert.Single(logger.Lines);
        Assert.Equal("Rule stop-logging (Logging stopped) disabled: it stops until enabled", line);
    }

    [Fact]
    public void NewGivenUpRange_LoggedOnce()
    {
        var logger = new ListLogger();
        var changes = new RuleChangeLog(logger);
        changes.Report([Status(enabled: true)]);

        changes.Report([Status(enabled: true, Expired())]);
        changes.Report([Status(enabled: true, Expired())]);

        var line = Assert.Single(logger.Lines);
        Assert.Equal("Rule stop-logging (Logging stopped) will not search [2026-12-04T10:00:00.000Z, 2026-12-04T10:59:59.999Z]: older than the event retention (1h) before it could be searched", line);
    }

    [Fact]
    public void MaxSignalsRange_NamesLookBack()
    {
        var logger = new ListLogger();
        var changes = new RuleChangeLog(logger);
        changes.Report([Status(enabled: true)], _ => "now-5y");

        var capped = new UncoveredRange(new TimeWindow(Ten, Ten.AddMinutes(5)), "max_signals (5) reached at 2026-12-04T10:05:00.000Z: 7 matches were not alerted", WillRetry: false, UncoveredKind.MaxSignals);
        changes.Report([Status(enabled: true, capped)], _ => "now-5y");

        var line = Assert.Single(logger.Lines);
        Assert.StartsWith("Rule stop-logging (Logging stopped) left [2026-12-04T10:00:00.000Z, 2026-12-04T10:05:00.000Z] uncovered: max_signals (5)", line, StringComparison.Ordinal);
        Assert.Contains("each later run searches it again while it lies within the rule's look-back (from now-5y)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("will not search", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RetriedRange_NotLogged()
    {
        var logger = new ListLogger();
        var changes = new RuleChangeLog(logger);
        changes.Report([Status(enabled: true)]);

        var retried = new UncoveredRange(new TimeWindow(Ten, Ten.AddMinutes(5)), "the search failed", WillRetry: true, UncoveredKind.SearchFailed);
        changes.Report([Status(enabled: true, retried)]);

        Assert.Empty(logger.Lines);
    }

    [Fact]
    public void ControlCharacters_Escaped()
    {
        var logger = new ListLogger();
        var changes = new RuleChangeLog(logger);
        changes.Report([Status(enabled: true) with { Name = "evil\u001b[2J" }]);

        changes.Report([Status(enabled: false) with { Name = "evil\u001b[2J" }]);

        Assert.DoesNotContain('\u001b', Assert.Single(logger.Lines));
    }

    private static UncoveredRange Expired() =>
        new(new TimeWindow(Ten, Ten.AddHours(1).AddMilliseconds(-1)), "older than the event retention (1h) before it could be searched", WillRetry: false, UncoveredKind.Expired);

    private static RuleStatus Status(bool enabled, params UncoveredRange[] uncovered) => new()
    {
        RuleUuid = "uuid-1",
        RuleId = "stop-logging",
        Name = "Logging stopped",
        Enabled = enabled,
        Uncovered = uncovered,
    };
}
