using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// A hunt with <c>--from</c> or <c>--to</c> counts, among its events, those the range left out: outside
/// it on <c>@timestamp</c>, or without <c>@timestamp</c> at all. They stay events in the summary's sum.
/// </summary>
public class HuntTimeRangeCountTests
{
    private const string Outside = @"outside --from/--to \(on @timestamp\)\s+";
    private const string WithoutTimestamp = @"without @timestamp \(eventTime missing or invalid\)\s+";

    [Theory]
    [InlineData("table")]
    [InlineData("ndjson")]
    public void RangeCountsEventsLeftOut(string format)
    {
        using var temp = new TempDirectory();
        var file = WriteEvents(temp);

        var result = CliRunner.Run("hunt", file, "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z", "--format", format);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(Outside + @"4\b", result.StandardError);
        Assert.Matches(WithoutTimestamp + @"3\b", result.StandardError);
        Assert.Contains("Records read 10 = events 9 + errors 0 + skipped 1", result.StandardError, StringComparison.Ordinal);
        Assert.Matches(@"Alerts\s+1\b", result.StandardError);
    }

    [Fact]
    public void CountsSameWithoutPrefilter()
    {
        using var temp = new TempDirectory();
        var file = WriteEvents(temp);

        var result = CliRunner.Run("hunt", file, "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z", "--no-prefilter", "--threads", "1");

        Assert.Matches(Outside + @"4\b", result.StandardError);
        Assert.Matches(WithoutTimestamp + @"3\b", result.StandardError);
    }

    [Fact]
    public void OpenEndedRangeCountsItsSideOnly()
    {
        using var temp = new TempDirectory();
        var file = WriteEvents(temp);

        var result = CliRunner.Run("hunt", file, "--from", "2026-12-01T00:00:00Z");

        Assert.Matches(Outside + @"2\b", result.StandardError);
        Assert.Matches(WithoutTimestamp + @"3\b", result.StandardError);
    }

    /// <summary>
    /// Writes nine events and one duplicate: three in 2026-12-01, two before it and two after it, and
    /// three without a time Elastic can parse. Role-chaining records are mapped and evaluated, the
    /// others are not, and one is carried in a log event's message.
    /// </summary>
    private static string WriteEvents(TempDirectory temp)
    {
        var inRange = RoleChaining.Record(1, "2026-12-01T10:00:00Z");
        JsonNode[] records =
        [
            inRange,
            inRange.DeepClone(),
            RoleChaining.Record(2, "2026-11-30T23:59:59Z"),
            RoleChaining.Record(3, "2026-12-02T00:00:01Z"),
            RoleChaining.Record(4, "not a time"),
            Plain("2026-12-01T12:00:00Z", "e1"),
            Plain("2026-11-01T00:00:00Z", "e2"),
            Plain("2026-12-31T00:00:00Z", "e3"),
            new JsonObject { ["eventVersion"] = "1.08", ["eventName"] = "ListBuckets", ["eventID"] = "e4" },
            new JsonObject { ["message"] = Plain("yesterday", "e5").ToJsonString() },
        ];
        var file = Path.Combine(temp.Path, "events.ndjson");
        File.WriteAllLines(file, records.Select(record => record.ToJsonString()));
        return file;
    }

    private static JsonObject Plain(string eventTime, string id) => new()
    {
        ["eventVersion"] = "1.08",
        ["eventTime"] = eventTime,
        ["eventSource"] = "s3.amazonaws.com",
        ["eventName"] = "ListBuckets",
        ["eventID"] = id,
    };
}
