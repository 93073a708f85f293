using System.Text.Json.Nodes;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>Every parse.jsonl case: validity, the exact AST, and Kibana's error position and expectations.</summary>
public class KqlParseConformanceTests
{
    private static readonly Dictionary<string, JsonObject> Cases =
        SharedData.KqlRecords("parse.jsonl").ToDictionary(r => (string)r["id"]!);

    public static TheoryData<string> Ids => SharedData.Keys("parse.jsonl", r => (string)r["id"]!);

    public static TheoryData<string> InvalidIds =>
        SharedData.Keys("parse.jsonl", r => (string)r["id"]!, r => !(bool)r["valid"]!);

    [Theory]
    [MemberData(nameof(Ids))]
    public void ParseCase(string id)
    {
        SharedData.RequireRoot();
        var record = Cases[id];
        var query = (string)record["query"]!;

        var result = Kql.Parse(query);

        Assert.Equal((bool)record["valid"]!, result.Success);
        if (result.Success)
        {
            Assert.Equal((string)record["ast"]!, result.Query!.ToCanonicalString());
        }
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void InvalidCaseReportsKibanaExpectations(string id)
    {
        SharedData.RequireRoot();
        var record = Cases[id];

        var error = Kql.Parse((string)record["query"]!).Error!;

        Assert.Equal((string)record["kibana_error"]!, KibanaMessage(error));
    }

    /// <summary>Rebuilds the message Kibana's generated parser shows from our expectations and found character.</summary>
    private static string KibanaMessage(KqlSyntaxError error)
    {
        var expected = error.Expected;
        var list = expected.Count switch
        {
            1 => expected[0],
            2 => expected[0] + " or " + expected[1],
            _ => string.Join(", ", expected.Take(expected.Count - 1)) + ", or " + expected[^1],
        };
        var found = error.Found is null
            ? "end of input"
            : "\"" + error.Found.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return $"Expected {list} but {found} found.";
    }
}
