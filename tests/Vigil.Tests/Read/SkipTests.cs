using Vigil.Read;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read;

public class SkipTests
{
    [Fact]
    public void EmptyFileIsSkipped()
    {
        var item = Assert.Single(ReadAll(""));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
        Assert.Equal("empty file", item.Reason);
    }

    [Fact]
    public void WhitespaceFileIsSkipped()
    {
        var item = Assert.Single(ReadAll(" \n\t\n"));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
    }

    [Fact]
    public void EmptyArrayLineIsSkipped()
    {
        var items = ReadAll($"{Record(1)}\n[]\n[ ]\n{Record(2)}\n");

        Assert.Equal(2, items.Records().Count);
        var skips = items.Where(item => item.Outcome == ReadOutcome.Skipped).ToList();
        Assert.Equal(2, skips.Count);
        Assert.All(skips, skip => Assert.Equal("empty JSON array, so it contains no records", skip.Reason));
        Assert.Equal("line 2, byte ", skips[0].Location[..13]);
    }

    [Fact]
    public void EmptyArrayFileIsSkipped()
    {
        var item = Assert.Single(ReadAll("[]"));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
    }

    [Fact]
    public void EmptyDeliveryObjectIsSkipped()
    {
        var item = Assert.Single(ReadAll("""{"Records":[]}"""));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
        Assert.Equal("its Records array is empty, so it contains no records", item.Reason);
    }

    [Fact]
    public void NonJsonIsSkippedWithLeadingBytes()
    {
        var item = Assert.Single(ReadAll("ConfigWritabilityCheckFile"));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
        Assert.Equal("not CloudTrail JSON: the data does not start with '{' or '['", item.Reason);
        Assert.Equal("byte 0, starting 'ConfigWritabilit'", item.Location);
    }

    [Fact]
    public void HeaderLineBeforeNdjsonIsAnError()
    {
        var items = ReadAll($"eventName,eventTime\n{Record(1)}\n{Record(2)}\n");

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 1, byte 0", error.Location);
        Assert.Equal("not JSON: the line starts with 'eventName,eventT'; reading continues at line 2 as NDJSON (remove the line if it is a header)", error.Reason);
    }

    [Fact]
    public void TwoHeaderLinesAreTwoErrors()
    {
        var items = ReadAll($"# exported by tool\n# second comment\n{Record(1)}\n{Record(2)}\n");

        Assert.Equal(2, items.Records().Count);
        Assert.Equal(["line 1, byte 0", "line 2, byte 19"], items.Errors().Select(e => e.Location));
    }

    [Fact]
    public void BracketedHeaderLineIsAnError()
    {
        var items = ReadAll($"[INFO] export\n{Record(1)}\n");

        Assert.Single(items.Records());
        Assert.Equal("line 1, byte 0", Assert.Single(items.Errors()).Location);
    }

    [Fact]
    public void DigestFileIsSkipped()
    {
        var digest = """{"awsAccountId":"111122223333","digestStartTime":"2026-12-04T08:00:00Z","digestEndTime":"2026-12-04T09:00:00Z","digestS3Object":"x.json.gz","previousDigestS3Object":null,"logFiles":[]}""";

        var item = Assert.Single(ReadAll(Gzip(digest)));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
        Assert.Contains("digest", item.Reason);
    }

    [Fact]
    public void EmptyObjectIsSkipped()
    {
        var item = Assert.Single(ReadAll("{}"));

        Assert.Equal(ReadOutcome.Skipped, item.Outcome);
    }
}
