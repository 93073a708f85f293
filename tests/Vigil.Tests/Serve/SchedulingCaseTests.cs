using System.Text.Json.Nodes;
using Vigil.Serve;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Serve;

/// <summary>
/// The scheduling cases taken from public Elastic reports: ingest delay against
/// <c>timestamp_override</c>, <c>max_signals</c> truncation, and a delayed threshold run.
/// </summary>
public sealed class SchedulingCaseTests
{
    private const string DelayCase = "022-sched-ingest-delay-and-timestamp-override";
    private const string TruncationCase = "024-sched-max-signals-truncation";
    private const string ThresholdCase = "025-sched-delayed-run-threshold-loses-alert";

    [Theory]
    [InlineData("rule-no-override.toml")]
    [InlineData("rule-override.toml")]
    public void IngestDelay_KibanaParityMatchesPerRun(string ruleFile)
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", DelayCase);
        var expected = Expected(folder)[ruleFile]!["per_run"]!.AsArray().Select(n => n!.GetValue<long>());

        var perRun = RunDelayCase(folder, CaseRules.Load(Path.Combine(folder, ruleFile)), SchedulerOptions.KibanaParity);

        Assert.Equal(expected, perRun);
    }

    [Fact]
    public void IngestDelay_FallbackDisabledMatchesTotal()
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", DelayCase);
        var expected = Expected(folder)["rule-override.toml"]!["total_with_fallback_disabled"]!.GetValue<long>();
        var disabled = CaseRules.Load(Path.Combine(folder, "rule-override.toml"), "timestamp_override_fallback_disabled = true\n");

        var perRun = RunDelayCase(folder, disabled, SchedulerOptions.KibanaParity);

        Assert.True(disabled.TimestampOverrideFallbackDisabled);
        Assert.Equal(expected, perRun.Sum());
    }

    [Fact]
    public void IngestDelay_VigilAlertsLateEventWithoutOverride()
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", DelayCase);
        var rule = CaseRules.Load(Path.Combine(folder, "rule-no-override.toml"));

        var perRun = RunDelayCase(folder, rule, new SchedulerOptions());

        Assert.Equal([0L, 0L, 2L, 0L], perRun);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Truncation_MatchesExpectedRuns(bool kibanaParity)
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", TruncationCase);
        var expected = Expected(folder);
        var runs = RunTruncationCase(folder, kibanaParity ? SchedulerOptions.KibanaParity : new SchedulerOptions(), out var alerts);

        var first = expected["runs"]![0]!;
        Assert.Equal(first["alerts"]!.GetValue<long>(), runs[0].AlertsCreated);
        Assert.Equal(first["unalerted_matches"]!.GetValue<long>(), runs[0].MatchesNotAlerted);
        Assert.Equal(ExecutionStatus.PartialFailure, runs[0].Status);
        Assert.Equal(expected["runs"]![1]!["alerts"]!.GetValue<long>(), runs[1].AlertsCreated);
        Assert.Equal(ExecutionStatus.Succeeded, runs[1].Status);
        Assert.Equal(expected["total"]!.GetValue<int>(), alerts.Count);
    }

    [Fact]
    public void Truncation_AlertsTheEarliestEvents()
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", TruncationCase);
        var first = Expected(folder)["runs"]![0]!;

        RunTruncationCase(folder, SchedulerOptions.KibanaParity, out var alerts);

        var times = alerts.Select(a => a.Document["kibana.alert.original_time"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(DateTimeOffset.Parse(first["first_alert_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(times[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(first["last_alert_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(times[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The threshold case is not run: the scheduler runs query rules only and reports that in the rule's
    /// status, so a delayed threshold run can never report a silent success.
    /// </summary>
    [Fact]
    public void DelayedThreshold_IsReportedNotRunnable()
    {
        var folder = RepoPaths.SharedOrSkip("data", "cases", ThresholdCase);
        using var harness = new SchedulerHarness(SchedulerSamples.TenOClock);

        var status = harness.Register(CaseRules.Load(Path.Combine(folder, "rule.toml")));

        Assert.NotNull(status.NotRunnableReason);
        Assert.Empty(harness.RunAt(SchedulerSamples.TenOClock.AddMinutes(10)));
    }

    private static List<long> RunDelayCase(string folder, Vigil.Detect.Rules.DetectionRule rule, SchedulerOptions options)
    {
        var arrivals = Expected(folder, "arrivals.json");
        var runs = Expected(folder, "schedule.json")["runs"]!.AsArray().Select(r => Time(r!)).ToList();
        var documents = File.ReadAllLines(Path.Combine(folder, "docs.ndjson"))
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .OrderBy(doc => Time(arrivals[doc["_id"]!.GetValue<string>()]!))
            .ToList();

        using var harness = new SchedulerHarness(runs[0].AddMinutes(-5), options);
        harness.Register(rule);
        harness.RunAt(runs[0].AddMinutes(-5));

        var perRun = new List<long>();
        foreach (var run in runs)
        {
            foreach (var document in documents.Where(d => Time(arrivals[d["_id"]!.GetValue<string>()]!) <= run).ToList())
            {
                documents.Remove(document);
                Store(harness, document, Time(arrivals[document["_id"]!.GetValue<string>()]!));
            }

            perRun.Add(harness.RunAt(run).Sum(e => e.AlertsCreated));
        }

        return perRun;
    }

    /// <summary>
    /// Stores a case document as the case gives it: one with <c>event.ingested</c> keeps that time
    /// (its arrival), one without keeps none, so the fallback to <c>@timestamp</c> applies.
    /// </summary>
    private static void Store(SchedulerHarness harness, JsonObject document, DateTimeOffset arrival)
    {
        harness.Clock.SetUtcNow(arrival);
        var source = document.DeepClone().AsObject();
        source.Remove("_id");
        if (source["event"]?["ingested"] is null)
        {
            harness.IngestWithoutIngestedTime(source);
        }
        else
        {
            harness.Ingest(source);
        }
    }

    private static List<ExecutionLogEntry> RunTruncationCase(string folder, SchedulerOptions options, out IReadOnlyList<StoredAlert> alerts)
    {
        var schedule = Expected(folder, "schedule.json");
        var runs = schedule["runs"]!.AsArray().Select(r => Time(r!)).ToList();
        using var harness = new SchedulerHarness(Time(schedule["all_events_visible_by"]!), options);
        new EventIngester(harness.Store).IngestFile(Path.Combine(folder, "event.json"), TestContext.Current.CancellationToken);
        harness.Register(CaseRules.Load(Path.Combine(folder, "rule.toml")));

        var entries = runs.Select(run => Assert.Single(harness.RunAt(run))).ToList();
        alerts = harness.Alerts();
        return entries;
    }

    private static DateTimeOffset Time(JsonNode node) =>
        DateTimeOffset.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Expected(string folder, string file = "expected.json") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, file)))!.AsObject();
}
