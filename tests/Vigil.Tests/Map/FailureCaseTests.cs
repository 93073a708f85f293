using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Read;

namespace Vigil.Tests.Map;

/// <summary>Ingest failure cases taken from public bug reports; each asserts its expected.json values.</summary>
public class FailureCaseTests
{
    [Fact]
    public void HugeRequestParametersKeepAllEvents()
    {
        var (documents, expected) = Load("009-ingest-huge-request-parameters");
        var lengths = documents.Select(d => Text(d, "aws.cloudtrail.request_parameters")!.Length).ToList();

        Assert.Equal(expected["ingest"]!["events"]!.GetValue<int>(), documents.Count);
        Assert.Equal(expected["ingest"]!["pipeline_errors"]!.GetValue<int>(), documents.Count(d => Text(d, "event.kind") == "pipeline_error"));
        Assert.Equal(expected["q-action.kql"]!["matches"]!.GetValue<int>(), documents.Count(d => Text(d, "event.action") == "StartQueryExecution"));
        Assert.Equal(1, lengths.Count(length => length <= 8191));
        Assert.Contains("information_schema", Text(documents[2], "aws.cloudtrail.request_parameters"));
    }

    [Fact]
    public void HugeRequestParametersDropOnlyOversizedFlattenedCopy()
    {
        var (documents, _) = Load("009-ingest-huge-request-parameters");

        var flattened = documents.Select(d => d.FieldValues("aws.cloudtrail.flattened.request_parameters.queryString").Any()).ToList();

        Assert.Equal([true, true, false], flattened);
    }

    [Fact]
    public void ConsoleLoginFailureOutcome()
    {
        var (documents, expected) = Load("010-ingest-consolelogin-failure-outcome");
        var records = expected["ingest"]!["records"]!.AsArray();

        Assert.Equal(expected["ingest"]!["events"]!.GetValue<int>(), documents.Count);
        for (var i = 0; i < records.Count; i++)
        {
            foreach (var (field, value) in records[i]!.AsObject())
            {
                Assert.Equal(value?.GetValue<string>(), Text(documents[i], field));
            }
        }

        Assert.Equal(["authentication"], documents[0].FieldValues("event.category").Select(v => v.GetValue<string>()));
        Assert.Equal("alice", Text(documents[1], "user.name"));
    }

    [Fact]
    public void InsightIsNotAnApiCall()
    {
        var (documents, expected) = Load("014-ingest-insights-event-is-not-an-api-call");
        var insight = documents[0];

        Assert.Equal(expected["ingest"]!["events"]!.GetValue<int>(), documents.Count);
        foreach (var (field, value) in expected["ingest"]!["insight_doc"]!.AsObject())
        {
            Assert.Equal(value?.GetValue<string>(), Text(insight, field));
        }

        Assert.Equal("AwsCloudTrailInsight", Text(insight, "aws.cloudtrail.event_type"));
        Assert.Equal("2026-12-04T10:00:00.000Z", Text(insight, "@timestamp"));
        Assert.Null(Text(insight, "event.provider"));
        Assert.Null(Text(insight, "user.name"));
        Assert.Null(insight.Root["source"]);
        Assert.DoesNotContain(documents, d => d.FieldValues("aws.cloudtrail.error_code").Any());
        Assert.Equal("AttachUserPolicy", Text(documents[1], "event.action"));
    }

    [Fact]
    public void GovCloudArnSameIdentity()
    {
        var (documents, expected) = Load("015-ingest-govcloud-partition-arn");
        var both = expected["ingest"]!["both"]!;

        Assert.Equal(expected["ingest"]!["events"]!.GetValue<int>(), documents.Count);
        foreach (var document in documents)
        {
            Assert.Equal(both["user.name"]!.GetValue<string>(), Text(document, "user.name"));
            Assert.Equal(both["cloud.account.id"]!.GetValue<string>(), Text(document, "cloud.account.id"));
            Assert.Equal("AssumedRole", Text(document, "aws.cloudtrail.user_identity.type"));
            Assert.Null(document.Root["error"]);
            var related = document.FieldValues("related.user").Select(v => v.GetValue<string>()).ToList();
            Assert.All(both["related.user_contains"]!.AsArray(), user => Assert.Contains(user!.GetValue<string>(), related));
        }
    }

    [Fact]
    public void TimestampIsEventTime()
    {
        var (documents, expected) = Load("016-ingest-timestamp-is-event-time");

        var document = Assert.Single(documents);

        Assert.Equal(expected["ingest"]!["@timestamp"]!.GetValue<string>(), Text(document, "@timestamp"));
        Assert.Null(Text(document, "event.ingested"));
    }

    private static (List<EcsDocument> Documents, JsonObject Expected) Load(string name)
    {
        var folder = SharedData.Require("data/cases/" + name);
        var items = new CloudTrailReader().ReadFile(Path.Combine(folder, "event.json")).ToList();
        Assert.All(items, item => Assert.Equal(ReadOutcome.Record, item.Outcome));

        var documents = items.Select(item => CloudTrailMapper.Map(item.Record!).Document).ToList();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")))!.AsObject();
        return (documents, expected);
    }

    private static string? Text(EcsDocument document, string field) =>
        document.FieldValues(field).FirstOrDefault() is JsonValue value ? value.ToString() : null;
}
