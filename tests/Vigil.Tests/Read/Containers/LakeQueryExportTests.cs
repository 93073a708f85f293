using System.Text.Json.Nodes;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>CloudTrail Lake query results, as <c>aws cloudtrail get-query-results</c> writes them.</summary>
public class LakeQueryExportTests
{
    private const string Results = """
        {
          "QueryStatus": "FINISHED",
          "QueryStatistics": {"ResultsCount": 2, "TotalResultsCount": 2, "BytesScanned": 4096},
          "QueryResultRows": [
            [
              {"eventVersion": "1.09"},
              {"eventTime": "2024-05-01 12:00:01.000"},
              {"eventName": "AssumeRole"},
              {"eventSource": "sts.amazonaws.com"},
              {"userIdentity": "{\"type\":\"IAMUser\",\"userName\":\"alice\"}"},
              {"readOnly": "true"},
              {"eventID": "lake-1"}
            ],
            [
              {"eventTime": "2024-05-01 12:00:02.000"},
              {"eventName": "ListBuckets"},
              {"eventID": "lake-2"}
            ]
          ]
        }
        """;

    [Fact]
    public void EachRowIsOneRecord()
    {
        var items = ReadAll(Results);

        Assert.Equal(2, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void ColumnsBecomeFields()
    {
        var record = ReadAll(Results).Records()[1].Record!;

        Assert.Equal("ListBuckets", record["eventName"]!.GetValue<string>());
        Assert.Equal("lake-2", record["eventID"]!.GetValue<string>());
    }

    [Fact]
    public void LakeTimeBecomesIso8601()
    {
        var record = ReadAll(Results).Records()[0].Record!;

        Assert.Equal("2024-05-01T12:00:01Z", record["eventTime"]!.GetValue<string>());
    }

    [Fact]
    public void JsonTextColumnIsParsed()
    {
        var record = ReadAll(Results).Records()[0].Record!;

        Assert.Equal("alice", record["userIdentity"]!["userName"]!.GetValue<string>());
    }

    [Fact]
    public void ReadOnlyBecomesBoolean()
    {
        var record = ReadAll(Results).Records()[0].Record!;

        Assert.True(record["readOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void RowLocationIsReported()
    {
        var items = ReadAll(Results);

        Assert.Equal("line 1, row 2", items[1].Location);
    }

    [Fact]
    public void RowThatIsNotListIsError()
    {
        var items = ReadAll("""{"QueryResultRows":[{"eventName":"x"}]}""");

        Assert.Single(items.Errors());
        Assert.Contains("not a list of columns", items[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipResultsAreRead()
    {
        var items = ReadAll(Gzip(Results));

        Assert.Equal(2, items.Records().Count);
    }

    [Fact]
    public void MappedTimestampComesFromLakeTime()
    {
        var record = ReadAll(Results).Records()[0].Record!;

        var document = Vigil.Map.CloudTrailMapper.Map(record).Document;

        Assert.Equal("2024-05-01T12:00:01.000Z", ((JsonObject)document.Root)["@timestamp"]!.GetValue<string>());
    }
}
