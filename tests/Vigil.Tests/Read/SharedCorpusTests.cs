using Vigil.Read;

namespace Vigil.Tests.Read;

public class SharedCorpusTests
{
    [Fact]
    public void CorpusFilesAllAccountedFor()
    {
        var root = SharedData.Require("data/cloudtrail");
        var files = CloudTrailReader.ExpandPaths([root]);

        var items = files.SelectMany(new CloudTrailReader().ReadFile).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Contains(items, item => item.File == file));
        Assert.Equal(2900 + 431 + 27, items.Count(i => i.Outcome == ReadOutcome.Record));
        Assert.Equal(2, items.Count(i => i.Outcome == ReadOutcome.Skipped));
        Assert.Equal(0, items.Count(i => i.Outcome == ReadOutcome.Error));
        Assert.All(items.Where(i => i.Outcome == ReadOutcome.Record), item => Assert.NotNull(item.Record));
        Assert.All(items.Where(i => i.Outcome != ReadOutcome.Record), item => Assert.False(string.IsNullOrEmpty(item.Reason)));
    }

    [Fact]
    public void InvictusHasAllRecords()
    {
        var root = SharedData.Require("data/cloudtrail/invictus-aws_dataset/CloudTrail");

        var items = CloudTrailReader.ExpandPaths([root]).SelectMany(new CloudTrailReader().ReadFile).ToList();

        Assert.Equal(2900, items.Count(i => i.Outcome == ReadOutcome.Record));
        Assert.DoesNotContain(items, i => i.Outcome == ReadOutcome.Error);
    }

    [Fact]
    public void PantherNdjsonReadsEveryLine()
    {
        var file = SharedData.Require("data/cloudtrail/panther-analysis/panther_rule_tests_cloudtrail.ndjson");
        var lines = File.ReadLines(file).Count(line => line.Trim().Length > 0);

        var items = new CloudTrailReader().ReadFile(file).ToList();

        Assert.Equal(431, lines);
        Assert.Equal(lines, items.Count(i => i.Outcome == ReadOutcome.Record));
        Assert.Equal(lines, items.Count);
    }

    [Fact]
    public void LicenseTextIsSkipped()
    {
        var file = SharedData.Require("data/cloudtrail/invictus-aws_dataset/LICENSE");

        var item = Assert.Single(new CloudTrailReader().ReadFile(file));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
    }

    [Fact]
    public void DigestBucketYieldsOneRecord()
    {
        var bucket = SharedData.Require("data/cases/012-ingest-digest-files-in-bucket/bucket");

        var items = CloudTrailReader.ExpandPaths([bucket]).SelectMany(new CloudTrailReader().ReadFile).ToList();

        var record = Assert.Single(items, i => i.Outcome == ReadOutcome.Record);
        Assert.Equal("StopLogging", record.Record!["eventName"]!.GetValue<string>());
        Assert.Equal(2, items.Count(i => i.Outcome == ReadOutcome.Skipped && i.Reason!.Contains("digest")));
        Assert.DoesNotContain(items, i => i.Outcome == ReadOutcome.Error);
    }
}
