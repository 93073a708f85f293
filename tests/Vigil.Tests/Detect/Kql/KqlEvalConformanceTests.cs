using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

/// <summary>Every eval.jsonl case: the typed-mode match result, or a query error where Elasticsearch rejects the query.</summary>
public class KqlEvalConformanceTests
{
    private static readonly Dictionary<string, JsonObject> Cases =
        SharedData.KqlRecords("eval.jsonl").ToDictionary(r => (string)r["id"]!);

    /// <summary>
    /// Cases that expect a field pattern to skip a covered field whose type rejects the value. Kibana
    /// (kbn-es-query's is.ts) sends a clause on every covered field and sets <c>lenient</c> only on
    /// free text, so Elasticsearch rejects the whole query: E307's pattern covers a date field.
    /// </summary>
    private static readonly HashSet<string> PatternRejectedByCoveredField = new(StringComparer.Ordinal) { "E307" };

    public static TheoryData<string> Ids => SharedData.Keys("eval.jsonl", r => (string)r["id"]!);

    [Theory]
    [MemberData(nameof(Ids))]
    public void EvalCase(string id)
    {
        SharedData.RequireRoot();
        var record = Cases[id];
        var mapping = FieldMapping.FromElasticsearchMapping(record["mapping"]!);
        var document = new EcsDocument(record["doc"]!.DeepClone().AsObject());

        var compiled = Kql.Compile((string)record["query"]!, mapping);

        if (record["es_error"]?.GetValue<bool>() == true || PatternRejectedByCoveredField.Contains(id))
        {
            Assert.IsType<KqlQueryError>(compiled.Error);
            return;
        }

        Assert.True(compiled.Success, compiled.Error?.ToString());
        Assert.Equal((bool)record["expected"]!, compiled.Predicate!.Invoke(document));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EvalCaseAstMatchesKibana(string id)
    {
        SharedData.RequireRoot();
        var record = Cases[id];

        var parsed = Kql.Parse((string)record["query"]!);

        Assert.Equal((string)record["ast"]!, parsed.Query?.ToCanonicalString());
    }
}
