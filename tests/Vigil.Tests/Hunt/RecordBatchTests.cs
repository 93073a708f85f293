using System.Text;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// A batch maps the records that rules can match after scanning all of its records. Its outcomes must
/// be those of evaluating each record at once, in the same order.
/// </summary>
public sealed class RecordBatchTests
{
    private static readonly DateTimeOffset ExecutionTime = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_MixedRecords_SameOutcomesAsAtOnce()
    {
        var records = MixedRecords();
        using var batch = new RecordBatch();
        for (var i = 0; i < records.Count; i++)
        {
            batch.AddRecord(records[i], [], Item(i), offset: i * 1000, unvalidated: null);
        }

        batch.Evaluate(Evaluator());
        var atOnce = new List<RecordOutcome>();
        var ends = new List<int>();
        var evaluator = Evaluator();
        for (var i = 0; i < records.Count; i++)
        {
            evaluator.Evaluate(records[i], [], Item(i), i * 1000, null, atOnce);
            ends.Add(atOnce.Count);
        }

        var recordEntries = batch.Entries.Where(entry => entry.Kind == BatchEntryKind.Record).ToList();
        Assert.Equal(ends, recordEntries.Select(entry => entry.OutcomeEnd));
        Assert.Equal(atOnce.Select(Describe), batch.Outcomes.Select(Describe));
        Assert.True(atOnce.Count(outcome => outcome.Alerts is not null) >= 3, "too few records alerted");
        Assert.True(atOnce.Count > records.Count, "no record gave two outcomes");
    }

    /// <summary>
    /// Alerting role-chain calls between records no rule can match, an AssumeRole that does not alert,
    /// invalid JSON, a record the scan declines, and a lookup-events object that contains two records.
    /// </summary>
    private static List<byte[]> MixedRecords()
    {
        var records = new List<byte[]>();
        for (var i = 0; i < 12; i++)
        {
            var chain = RoleChaining.Record(i, $"2026-12-01T00:00:{i:00}Z");
            records.Add(Encoding.UTF8.GetBytes(chain.ToJsonString()));
            records.Add(Encoding.UTF8.GetBytes($$"""{"eventVersion":"1.08","eventID":"id-{{i}}","eventTime":"2026-12-01T00:00:00Z","eventName":"DescribeInstances","eventSource":"ec2.amazonaws.com"}"""));
            if (i % 4 == 0)
            {
                chain["userIdentity"]!["type"] = "IAMUser";
                chain["userIdentity"]!.AsObject().Remove("sessionContext");
                records.Add(Encoding.UTF8.GetBytes(chain.ToJsonString()));
                records.Add("""{"eventName":"AssumeRole","eventSource":"sts.amazonaws.com","x":"""u8.ToArray());
                records.Add("""{"eventName":"AssumeRole","eventSource":"sts.amazonaws.com","k":1,"k":2}"""u8.ToArray());
            }
        }

        var pair = RoleChaining.Record(99, "2026-12-01T01:00:00Z").ToJsonString();
        // Output of aws cloudtrail lookup-events: two records, each as a JSON string.
        var first = JsonValue.Create(RoleChaining.Record(98, "2026-12-01T01:00:00Z").ToJsonString());
        var second = JsonValue.Create(RoleChaining.Record(99, "2026-12-01T01:00:01Z").ToJsonString());
        var lookup = new JsonObject { ["Events"] = new JsonArray(new JsonObject { ["CloudTrailEvent"] = first }, new JsonObject { ["CloudTrailEvent"] = second }) };
        records.Add(Encoding.UTF8.GetBytes(lookup.ToJsonString()));
        return records;
    }

    private static string Describe(RecordOutcome outcome)
    {
        var scratch = new WrittenAlerts.Scratch();
        var alerts = outcome.Alerts is { } written
            ? string.Join("\n", written.Alerts.Select(alert => Encoding.UTF8.GetString(written.Text(alert, scratch))))
            : "";
        return $"{outcome.Item.Outcome} {outcome.Item.Location} {outcome.Item.Reason} {outcome.ContentHash} {outcome.Failure} "
            + $"{outcome.MappingError} {outcome.Deferred?.Rules.Count} {outcome.TimePosition} {alerts}";
    }

    private static ReadItem Item(int index) => new(ReadOutcome.Record, "batch.json", $"record {index + 1}", null, null);

    private static RecordEvaluator Evaluator()
    {
        var (runnable, skipped) = RulePreparation.Prepare(BuiltInRules.All, new HuntOptions([]), FieldMapping.CloudTrail);
        Assert.Empty(skipped);
        return new RecordEvaluator(new RuleRouter(runnable, routing: true), prefilter: true, ExecutionTime, timeRange: null);
    }
}
