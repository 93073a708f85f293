using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>The JSON file the CloudTrail console's Event history page downloads: full records under <c>Records</c>.</summary>
public class EventHistoryDownloadTests
{
    // The console writes the records indented, one property per line.
    private static readonly string Download = $$"""
        {
            "Records": [
                {{Record(1, ",\n\"userIdentity\": {\n  \"type\": \"Root\",\n  \"accountId\": \"111122223333\"\n}")}},
                {{Record(2, ",\n\"readOnly\": true")}}
            ]
        }
        """;

    [Fact]
    public void EachRecordIsRead()
    {
        var items = ReadAll(Download);

        Assert.Equal(2, items.Records().Count);
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void RecordKeepsNestedIdentity()
    {
        var record = ReadAll(Download).Records()[0].Record!;

        Assert.Equal("Root", record["userIdentity"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void RecordLocationNamesOwnLine()
    {
        var items = ReadAll(Download);

        // Record 2 starts on line 8, below the lines of the indented record 1.
        Assert.Equal("line 3, record 1", items[0].Location);
        Assert.Equal("line 8, record 2", items[1].Location);
    }
}
