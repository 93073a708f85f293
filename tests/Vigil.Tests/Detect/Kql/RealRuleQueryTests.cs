using System.Text.Json.Nodes;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>Every KQL query of Elastic's prebuilt rules parses to exactly Kibana's AST.</summary>
public class RealRuleQueryTests
{
    private static readonly Dictionary<string, JsonObject> Rules =
        SharedData.KqlRecords("real-rule-queries.jsonl").ToDictionary(r => (string)r["rule_file"]!);

    public static TheoryData<string> RuleFiles => SharedData.Keys("real-rule-queries.jsonl", r => (string)r["rule_file"]!);

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void RuleQueryParsesToKibanaAst(string ruleFile)
    {
        SharedData.RequireRoot();
        var record = Rules[ruleFile];

        var result = Kql.Parse((string)record["query"]!);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.Equal((string)record["ast"]!, result.Query!.ToCanonicalString());
    }

    [Fact]
    public void RuleQueriesCompileAgainstCloudTrail()
    {
        SharedData.RequireRoot();
        var aws = Rules.Values.Where(r => ((string)r["rule_file"]!).Contains("/aws/", StringComparison.Ordinal)).ToList();

        var failures = aws
            .Select(r => (File: (string)r["rule_file"]!, Result: Kql.Compile((string)r["query"]!, FieldMapping.CloudTrail)))
            .Where(r => !r.Result.Success)
            .Select(r => $"{r.File}: {r.Result.Error}")
            .ToList();

        Assert.NotEmpty(aws);
        Assert.Empty(failures);
    }
}
