using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vigil.Alert;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Map;
using Vigil.Tests.Alert;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// The alerts of one event keep the event's copy once. Put back together, each must be the alert
/// its rule writes alone.
/// </summary>
public class WrittenAlertsTests
{
    private static readonly DateTimeOffset ExecutionTime = new(2026, 12, 5, 7, 30, 0, TimeSpan.Zero);

    public static TheoryData<string> Events => ["large", "without @timestamp", "empty"];

    [Theory]
    [MemberData(nameof(Events))]
    public void SeveralRules_EachTheAlertWrittenAlone(string kind)
    {
        var rules = PackRules();
        var document = kind switch
        {
            "large" => LargeEvent(),
            "without @timestamp" => WithoutTimestamp(),
            _ => new EcsDocument(new System.Text.Json.Nodes.JsonObject()),
        };

        var written = WrittenAlerts.Write(rules, document, ExecutionTime, new WrittenAlerts.Scratch());

        var scratch = new WrittenAlerts.Scratch();
        Assert.Equal(rules.Count, written.Alerts.Length);
        for (var i = 0; i < rules.Count; i++)
        {
            Assert.Equal(Alone(rules[i].Rule, document), Encoding.UTF8.GetString(written.Text(written.Alerts[i], scratch)));
        }
    }

    [Fact]
    public void BatchBuffer_SameTextAsOwnArray()
    {
        var rules = PackRules();
        var keep = new AlertTextBuffer();
        keep.Append(new byte[100_000]);

        // The second event's text goes after the first's, and the buffer grows between them.
        var first = WrittenAlerts.Write(rules, WithoutTimestamp(), ExecutionTime, new WrittenAlerts.Scratch(), keep);
        var second = WrittenAlerts.Write(rules, LargeEvent(), ExecutionTime, new WrittenAlerts.Scratch(), keep);

        var scratch = new WrittenAlerts.Scratch();
        var alone = WrittenAlerts.Write(rules, WithoutTimestamp(), ExecutionTime, new WrittenAlerts.Scratch());
        var aloneLarge = WrittenAlerts.Write(rules, LargeEvent(), ExecutionTime, new WrittenAlerts.Scratch());
        for (var i = 0; i < rules.Count; i++)
        {
            Assert.Equal(Encoding.UTF8.GetString(alone.Text(alone.Alerts[i], scratch)), Encoding.UTF8.GetString(first.Text(first.Alerts[i], scratch)));
            Assert.Equal(Encoding.UTF8.GetString(aloneLarge.Text(aloneLarge.Alerts[i], scratch)), Encoding.UTF8.GetString(second.Text(second.Alerts[i], scratch)));
        }
    }

    [Fact]
    public void SeveralRules_EventKeptOnce()
    {
        var rules = PackRules();
        var document = LargeEvent();

        var written = WrittenAlerts.Write(rules, document, ExecutionTime, new WrittenAlerts.Scratch());

        var ownBytes = written.Alerts.Sum(alert => (long)alert.Length);
        Assert.True(ownBytes < document.Utf8Json().Length * 2L, $"{ownBytes} bytes kept for {rules.Count} alerts of a {document.Utf8Json().Length}-byte event");
        Assert.All(written.Alerts.Skip(1), alert => Assert.True(alert.SharesEvent));
    }

    [Fact]
    public void TreeWrittenDocument_KeptWhole()
    {
        var rules = PackRules();
        var source = AssumeRoleEvent.Json();
        source["kibana.alert.status"] = "from the event";
        var document = new EcsDocument(source);

        var written = WrittenAlerts.Write(rules, document, ExecutionTime, new WrittenAlerts.Scratch());

        var scratch = new WrittenAlerts.Scratch();
        Assert.All(written.Alerts, alert => Assert.False(alert.SharesEvent));
        Assert.Equal(Alone(rules[^1].Rule, document), Encoding.UTF8.GetString(written.Text(written.Alerts[^1], scratch)));
    }

    [Fact]
    public void ManyRulesMatching_AlertsAsWithOneRule()
    {
        using var temp = new TempDirectory();
        var records = Enumerable.Range(1, 5).Select(i => RoleChaining.Record(i, $"2026-12-01T10:0{i}:00Z").ToJsonString());
        File.WriteAllLines(Path.Combine(temp.Path, "chains.ndjson"), records);
        var rules = Rules(4);

        var together = Hunt(rules, temp.Path);

        Assert.Equal(20, together.Count);
        foreach (var rule in rules)
        {
            Assert.Equal(Hunt([rule], temp.Path), together.Where(alert => alert.StartsWith(rule.RuleId, StringComparison.Ordinal)).ToList());
        }
    }

    private static List<string> Hunt(IReadOnlyList<DetectionRule> rules, string path)
    {
        var sink = new CollectingSink();
        new HuntEngine(rules, new FakeTimeProvider(ExecutionTime)).Run(new HuntOptions([path]), sink, cancellationToken: TestContext.Current.CancellationToken);
        return [.. sink.Alerts.Select(alert => alert.Rule.RuleId + " " + alert.Alert.ToJsonString())];
    }

    /// <summary>Three rules that match the same event, so that three alerts are written for it.</summary>
    private static List<PreparedRule> PackRules()
    {
        var (runnable, _) = RulePreparation.Prepare(Rules(3), new HuntOptions([]), FieldMapping.CloudTrail);
        return [.. runnable];
    }

    /// <summary>Rules that all match a role-chaining AssumeRole event.</summary>
    private static DetectionRule[] Rules(int count) =>
        [.. Enumerable.Range(1, count).Select(n => RuleLoader.ParseToml(
            $$"""
            [metadata]
            creation_date = "2026/12/05"
            [rule]
            rule_id = "00000000-0000-4000-8000-00000000000{{n}}"
            name = "AssumeRole {{n}}"
            description = "Finds AssumeRole calls, rule {{n}} of three."
            type = "query"
            language = "kuery"
            query = "event.action:AssumeRole"
            index = ["logs-aws*"]
            severity = "low"
            risk_score = {{20 + n}}
            """,
            $"rule{n}.toml"))];

    /// <summary>The AssumeRole event with a 200 KB field, so that copies of it would dominate.</summary>
    private static EcsDocument LargeEvent()
    {
        var source = AssumeRoleEvent.Json();
        source["message"] = new string('x', 200_000);
        return new EcsDocument(source);
    }

    private static EcsDocument WithoutTimestamp()
    {
        var source = AssumeRoleEvent.Json();
        source.Remove("@timestamp");
        return new EcsDocument(source);
    }

    private static string Alone(DetectionRule rule, EcsDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            AlertWriter.Write(writer, rule, document, ExecutionTime, out _, out _);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
