using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Read;

namespace Vigil.Tests.Map;

public class MapperCorpusTests
{
    [Fact]
    public void CorpusRecordsAllMap()
    {
        var root = SharedData.Require("data/cloudtrail");
        var records = CloudTrailReader.ExpandPaths([root]).SelectMany(new CloudTrailReader().ReadFile)
            .Where(item => item.Outcome == ReadOutcome.Record).Select(item => item.Record!).ToList();

        var results = records.Select(record => (Record: record, Result: CloudTrailMapper.Map(record))).ToList();
        var failed = results.Where(r => r.Result.Error is not null).ToList();

        Assert.Equal(3358, results.Count);
        Assert.All(results, r => Assert.Equal("aws.cloudtrail", r.Result.Document.Root["event"]!["dataset"]!.GetValue<string>()));

        // Panther's hand-edited records write some times as "2025-01-21 17:49:47", which Elasticsearch's
        // ISO8601 parser rejects (it requires the T separator), so Elastic marks them pipeline_error too.
        Assert.Equal(117, failed.Count);
        Assert.All(failed, r => Assert.StartsWith("Processor date with tag date_json_eventTime_to_timestamp", r.Result.Error));
        Assert.All(failed, r => Assert.DoesNotMatch(@"^\d{4}-\d{2}-\d{2}T", r.Record["eventTime"]!.GetValue<string>()));
        Assert.All(failed, r => Assert.Equal("pipeline_error", r.Result.Document.Root["event"]!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void CorpusMappingLeavesInputUnchanged()
    {
        var file = SharedData.Require("data/cloudtrail/panther-analysis/panther_test_scenarios_cloudtrail.json");
        var record = new CloudTrailReader().ReadFile(file).First().Record!;
        var before = record.ToJsonString();

        CloudTrailMapper.Map(record);

        Assert.Equal(before, record.ToJsonString());
    }
}
