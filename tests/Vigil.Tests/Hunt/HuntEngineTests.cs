using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Read;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

public class HuntEngineTests
{
    [Fact]
    public void EveryRecordIsCountedOnce()
    {
        using var temp = new TempDirectory();
        var chain = RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString();
        File.WriteAllLines(Path.Combine(temp.Path, "a.ndjson"), [chain, "{broken", chain, "[1,2]"]);

        var (summary, sink) = CollectingSink.Hunt(BuiltInRules.All, temp.Path);

        Assert.Equal(summary.Records, summary.Events + summary.Errors + summary.Skipped);
        Assert.Equal(1, summary.Events);
        Assert.Single(sink.Alerts);
        Assert.Equal(1, summary.SkippedByReason["duplicate delivery (same eventID and content)"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void InvalidElementWithBalancedBrackets_ReportedAsTheReaderDoes(int threads)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "a.json");
        var first = RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString();
        var third = RoleChaining.Record(3, "2026-12-01T10:00:00Z").ToJsonString();
        File.WriteAllText(path, $$$"""{"Records":[{{{first}}}, {"eventName":tru,"a":{}} ,{{{third}}}]}""");
        var expected = Assert.Single(new CloudTrailReader().ReadFile(path), item => item.Outcome == ReadOutcome.Error);
        var listener = new FailureListener();

        var summary = new HuntEngine(BuiltInRules.All).Run(new HuntOptions([path]) { Threads = threads }, new CollectingSink(), listener, TestContext.Current.CancellationToken);

        var failure = Assert.Single(listener.Failures);
        Assert.Equal(expected.Location, failure.Location);
        Assert.Equal(expected.Reason, failure.Reason);
        Assert.Equal(2, summary.Events);
    }

    [Fact]
    public void RecordsRecoveredLeaveOutInvalidElements()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "a.json");
        var first = RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString();
        var third = RoleChaining.Record(3, "2026-12-01T10:00:00Z").ToJsonString();
        File.WriteAllText(path, $$$"""{"Records":[{{{first}}},{"eventName":"X","r":tru},{{{third}}},{"a":1}}""");
        var expected = new CloudTrailReader().ReadFile(path).Where(item => item.Outcome == ReadOutcome.Error).Select(item => item.Reason).ToList();
        var listener = new FailureListener();

        new HuntEngine(BuiltInRules.All).Run(new HuntOptions([path]), new CollectingSink(), listener, TestContext.Current.CancellationToken);

        Assert.Equal(expected, listener.Failures.Select(failure => failure.Reason));
        Assert.Contains(expected, reason => reason!.Contains("so 3 records recovered", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvelopeRecordsRecovered_CountedAsReaderDoes()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "payloads.b64");
        var events = Enumerable.Range(1, 5).Select(id => RoleChaining.Record(id, "2026-12-01T10:00:00Z").ToJsonString()).ToArray();
        var lines = new[] { events[..2], events[2..], events[..1] }.Select(SubscriptionPayload).ToArray();
        lines[2] = lines[2][..40] + "#" + lines[2][41..];
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        var expected = new CloudTrailReader().ReadFile(path).Where(item => item.Outcome == ReadOutcome.Error).Select(item => item.Reason).ToList();
        var listener = new FailureListener();

        var summary = new HuntEngine(BuiltInRules.All).Run(new HuntOptions([path]), new CollectingSink(), listener, TestContext.Current.CancellationToken);

        Assert.Equal(expected, listener.Failures.Select(failure => failure.Reason));
        Assert.Contains(expected, reason => reason!.Contains("the data ends inside a JSON value: invalid base64 text at line 3, column 41: '#' is not a base64 character; 5 records recovered", StringComparison.Ordinal));
        Assert.Equal(5, summary.Events);
    }

    [Fact]
    public void TruncatedSubscriptionPayload_CountedAsReaderDoes()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "payload.json.gz");
        var events = Enumerable.Range(1, 300).Select(id => RoleChaining.Record(id, "2026-12-01T10:00:00Z").ToJsonString()).ToArray();
        var compressed = Convert.FromBase64String(SubscriptionPayload(events));
        File.WriteAllBytes(path, compressed[..(compressed.Length * 2 / 3)]);
        var expected = new CloudTrailReader().ReadFile(path).ToList();
        var listener = new FailureListener();

        var summary = new HuntEngine(BuiltInRules.All).Run(new HuntOptions([path]), new CollectingSink(), listener, TestContext.Current.CancellationToken);

        var error = Assert.Single(expected, item => item.Outcome == ReadOutcome.Error);
        Assert.Equal(expected.Count(item => item.Outcome == ReadOutcome.Record), summary.Events);
        Assert.True(summary.Events > 100, $"only {summary.Events} events were kept");
        Assert.Equal(error.Location, Assert.Single(listener.Failures).Location);
        Assert.Equal(error.Reason, listener.Failures[0].Reason);
    }

    /// <summary>Returns base64 text of a gzip CloudWatch Logs subscription payload with one log event per record.</summary>
    private static string SubscriptionPayload(string[] records)
    {
        var payload = new JsonObject
        {
            ["messageType"] = "DATA_MESSAGE",
            ["logGroup"] = "aws-cloudtrail-logs",
            ["logEvents"] = new JsonArray([.. records.Select((record, i) => (JsonNode)new JsonObject { ["id"] = $"{i}", ["timestamp"] = 1, ["message"] = record })]),
        };
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));
        }

        return Convert.ToBase64String(compressed.ToArray());
    }

    [Fact]
    public void InvalidNdjsonLine_ReportedAsTheReaderDoes()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "a.ndjson");
        var first = RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString();
        var third = RoleChaining.Record(3, "2026-12-01T10:00:00Z").ToJsonString();
        File.WriteAllText(path, $$$"""{{{first}}}{{{"\n"}}}{"eventName":"X","r":tru}{{{"\n"}}}{{{third}}}{{{"\n"}}}{"a" 1}""");
        var expected = new CloudTrailReader().ReadFile(path).Where(item => item.Outcome == ReadOutcome.Error).ToList();
        var listener = new FailureListener();

        var summary = new HuntEngine(BuiltInRules.All).Run(new HuntOptions([path]), new CollectingSink(), listener, TestContext.Current.CancellationToken);

        Assert.Equal(expected.Select(item => (item.Location, item.Reason)), listener.Failures.Select(failure => (failure.Location, failure.Reason)));
        Assert.Equal(2, expected.Count);
        Assert.Equal(2, summary.Events);
    }

    [Fact]
    public void SameEventIdOtherContentIsKept()
    {
        using var temp = new TempDirectory();
        var first = RoleChaining.Record(1, "2026-12-01T10:00:00Z");
        var second = (JsonObject)first.DeepClone();
        second["sourceIPAddress"] = "192.0.2.99";
        File.WriteAllLines(Path.Combine(temp.Path, "a.ndjson"), [first.ToJsonString(), second.ToJsonString()]);

        var (summary, sink) = CollectingSink.Hunt(BuiltInRules.All, temp.Path);

        Assert.Equal(2, summary.Events);
        Assert.Equal(2, sink.Alerts.Count);
    }

    [Fact]
    public void EqualDocumentsWriteOneAlert()
    {
        using var temp = new TempDirectory();
        var first = RoleChaining.Record(1, "2026-12-01T10:00:00Z");
        var second = (JsonObject)first.DeepClone();
        second["errorCode"] = null;
        File.WriteAllLines(Path.Combine(temp.Path, "a.ndjson"), [first.ToJsonString(), second.ToJsonString()]);

        var (summary, sink) = CollectingSink.Hunt(BuiltInRules.All, temp.Path);

        Assert.Equal(2, summary.Events);
        Assert.Single(sink.Alerts);
        Assert.Equal(1, summary.Alerts);
        Assert.Equal(1, summary.AlertsWithRepeatedId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FailingSink_StopsAsOutputFailure(int threads)
    {
        using var temp = new TempDirectory();
        File.WriteAllLines(Path.Combine(temp.Path, "a.ndjson"), [RoleChaining.Record(1, "2026-12-01T10:00:00Z").ToJsonString()]);
        File.WriteAllLines(Path.Combine(temp.Path, "b.ndjson"), [RoleChaining.Record(2, "2026-12-01T10:05:00Z").ToJsonString()]);
        var listener = new FailureListener();

        var failure = Assert.Throws<Vigil.Output.AlertOutputException>(() =>
            new HuntEngine(BuiltInRules.All).Run(new HuntOptions([temp.Path]) { Threads = threads }, new FailingSink(), listener, TestContext.Current.CancellationToken));

        Assert.Contains("could not be written: the sink broke", failure.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Failures);
    }

    [Fact]
    public void DeeplyNestedPayload_AlertParsedBySinks()
    {
        using var temp = new TempDirectory();
        var record = RoleChaining.Record(1, "2026-12-01T10:00:00Z");
        record["requestParameters"]!["deep"] = DeepJson.Objects(200);
        File.WriteAllLines(Path.Combine(temp.Path, "a.ndjson"), [record.ToJsonString()]);

        var (summary, sink) = CollectingSink.Hunt(BuiltInRules.All, temp.Path);

        Assert.Equal(1, summary.Alerts);
        Assert.NotNull(Assert.Single(sink.Alerts).Alert["aws"]!["cloudtrail"]!["flattened"]!["request_parameters"]!["deep"]);
    }

    private sealed class FailingSink : IAlertSink
    {
        public void Write(DetectionRule rule, ReadOnlySpan<byte> alert) => throw new InvalidOperationException("the sink broke");
    }

    [Fact]
    public void NonQueryRuleIsSkippedWithReason()
    {
        var eql = RuleLoader.ParseToml(
            """
            [metadata]
            creation_date = "2026/12/01"
            [rule]
            rule_id = "00000000-0000-4000-8000-000000000001"
            name = "Sequence"
            description = "An EQL rule."
            type = "eql"
            language = "eql"
            query = "any where true"
            index = ["logs-aws*"]
            severity = "low"
            risk_score = 21
            """,
            "inline.toml");

        var (summary, _) = CollectingSink.Hunt([eql], RepoPaths.Samples);

        var skipped = Assert.Single(summary.RulesSkipped);
        Assert.Contains("eql", skipped.Reason);
        Assert.Empty(summary.RulesRun);
    }

    [Fact]
    public void RuleForOtherIndexIsSkipped()
    {
        var rule = RuleLoader.ParseToml(
            """
            [rule]
            rule_id = "00000000-0000-4000-8000-000000000002"
            name = "Filebeat only"
            description = "Reads only Filebeat indices."
            type = "query"
            query = "event.action:AssumeRole"
            index = ["filebeat-*"]
            severity = "low"
            risk_score = 21
            """,
            "inline.toml");

        var (summary, sink) = CollectingSink.Hunt([rule], RepoPaths.Samples);

        Assert.Contains("filebeat-*", Assert.Single(summary.RulesSkipped).Reason);
        Assert.Empty(sink.Alerts);
    }

    [Fact]
    public void RuleWithoutIndexUsesKibanaDefault()
    {
        var rule = RuleLoader.ParseToml(
            """
            [rule]
            rule_id = "00000000-0000-4000-8000-000000000003"
            name = "No index"
            description = "Searches Kibana's default index patterns."
            type = "query"
            query = "event.action:AssumeRole and aws.cloudtrail.user_identity.session_context.session_issuer.type:Role and event.outcome:success"
            severity = "low"
            risk_score = 21
            """,
            "inline.toml");

        var (summary, sink) = CollectingSink.Hunt([rule], RepoPaths.Samples);

        Assert.Single(summary.RulesRun);
        Assert.Equal(3, sink.Alerts.Count);
    }

    private sealed class FailureListener : IHuntListener
    {
        public List<ReadItem> Failures { get; } = [];

        public void RecordFailed(ReadItem failure) => Failures.Add(failure);
    }
}
