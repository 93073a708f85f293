using System.Text.Json.Nodes;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>
/// Every Kibana row of dsl.jsonl: the query DSL is JSON-equal to Kibana's. Rows of detection-rules' Python
/// library show another library's DSL and are not checked.
/// </summary>
public class KqlDslConformanceTests
{
    private static readonly Dictionary<string, JsonObject> Cases =
        SharedData.KqlRecords("dsl.jsonl").ToDictionary(r => (string)r["id"]!);

    public static TheoryData<string> Ids => SharedData.Keys("dsl.jsonl", r => (string)r["id"]!, IsKibanaRow);

    [Theory]
    [MemberData(nameof(Ids))]
    public void DslCase(string id)
    {
        SharedData.RequireRoot();
        var record = Cases[id];
        var query = (string)record["query"]!;
        var mapping = MappingFor((string)record["field_types"]!);
        var options = OptionsFrom(record["config"] as JsonObject);

        var result = IsBuildQueryFromKuery(record)
            ? KqlDsl.ToBoolClauses(query, mapping, options)
            : KqlDsl.ToElasticsearchQuery(query, mapping, options);

        Assert.True(result.Success, result.Error?.ToString());
        Assert.True(
            JsonNode.DeepEquals(record["expected_dsl"], result.Query),
            $"expected {record["expected_dsl"]!.ToJsonString()}\n  actual {result.Query!.ToJsonString()}");
    }

    private static bool IsKibanaRow(JsonObject record) => (string)record["field_types"]! != "python-kql";

    private static bool IsBuildQueryFromKuery(JsonObject record) =>
        ((string)record["source"]!).Contains("from_kuery", StringComparison.Ordinal);

    private static FieldMapping? MappingFor(string fieldTypes) => fieldTypes switch
    {
        "kibana-test-stub-fields" => KibanaStubFields.Mapping,
        "ecs-field-types" => FieldMapping.CloudTrail,
        "no-field-types" => null,
        _ => throw new ArgumentOutOfRangeException(nameof(fieldTypes), fieldTypes, "unknown field list"),
    };

    private static KqlDslOptions OptionsFrom(JsonObject? config) => new()
    {
        TimeZone = (string?)config?["dateFormatTZ"],
        CaseInsensitive = (bool?)config?["caseInsensitive"],
        NestedIgnoreUnmapped = (bool?)config?["nestedIgnoreUnmapped"],
        FiltersInMustClause = (bool?)config?["filtersInMustClause"] ?? false,
    };
}
