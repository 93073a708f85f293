using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.BuiltIn;
using Vigil.Hunt;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// A rule whose alerts repeat a very long query has its alerts written by the counting thread, from
/// the events a batch keeps, and they are the alerts a short rule's path would write.
/// </summary>
public class LargeAlertTests
{
    [Fact]
    public void LongQueryRule_MarkedLarge()
    {
        var (runnable, _) = RulePreparation.Prepare([BuiltInRules.All[0], LongQueryRule()], new HuntOptions([]), FieldMapping.CloudTrail);

        Assert.False(runnable[0].LargeAlerts);
        Assert.True(runnable[1].LargeAlerts);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LongQueryRule_SameAlerts(int threads)
    {
        var rule = LongQueryRule();

        var large = Hunt(rule, threads);
        var small = Hunt(BuiltInRules.All[0], threads);

        Assert.Equal(3, large.Alerts.Count);
        Assert.Equal(small.Alerts.Select(alert => EventOf(alert.Alert)), large.Alerts.Select(alert => EventOf(alert.Alert)));
        Assert.All(large.Alerts, alert => Assert.Equal(rule.Query, alert.Alert["kibana.alert.rule.parameters"]!["query"]!.GetValue<string>()));
    }

    private static CollectingSink Hunt(DetectionRule rule, int threads)
    {
        var sink = new CollectingSink();
        new HuntEngine([rule]).Run(new HuntOptions([RepoPaths.Samples]) { Threads = threads }, sink);
        return sink;
    }

    /// <summary>The built-in rule with its query widened by 5,000 actions that no record has: over 100 KB of query.</summary>
    private static DetectionRule LongQueryRule()
    {
        var never = string.Join(" or ", Enumerable.Range(0, 5_000).Select(i => $"VigilNoSuchAction{i:D5}"));
        var toml = AwsStsAssumeRoleUsage.Toml.Replace("event.outcome:success\n", $"event.outcome:success or event.action:({never})\n", StringComparison.Ordinal);
        Assert.NotEqual(AwsStsAssumeRoleUsage.Toml, toml);
        return RuleLoader.ParseToml(toml, null);
    }

    /// <summary>The alert's copy of the event, without the fields of its rule and run.</summary>
    private static string EventOf(JsonObject alert) =>
        new JsonObject(alert.Where(member => !member.Key.StartsWith("kibana.", StringComparison.Ordinal) && member.Key != "@timestamp")
            .Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone()))).ToJsonString();
}
