using Vigil.Detect.Rules;
using Vigil.Store;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

/// <summary>The scheduler stores an alert with the severity its rule's severity_mapping gives it.</summary>
public sealed class SeverityMappingStoreTests
{
    [Fact]
    public void ManualRun_StoresMappedSeverity()
    {
        using var harness = new SchedulerHarness(TenOClock);
        var toml = StopLoggingRuleToml() + """

            [[rule.severity_mapping]]
            field = "user.name"
            operator = "equals"
            value = "mallory"
            severity = "critical"
            """;
        harness.Register(RuleLoader.ParseToml(toml, null));
        harness.Ingest(StopLogging(TenOClock.AddHours(-2), "alice's"));
        var mallory = StopLogging(TenOClock.AddHours(-2).AddSeconds(1), "mallory's");
        mallory["user"]!["name"] = "mallory";
        harness.Ingest(mallory);

        harness.RunManual("stop-logging", TenOClock.AddHours(-3), TenOClock.AddHours(-1));

        var critical = Assert.Single(harness.Store.ListAlerts(new AlertFilter { Severity = "critical" }));
        Assert.Equal("mallory", critical.Document["user"]!["name"]!.GetValue<string>());
        Assert.Equal("critical", critical.Document["kibana.alert.severity"]!.GetValue<string>());
        Assert.Single(harness.Store.ListAlerts(new AlertFilter { Severity = "medium" }));
    }
}
