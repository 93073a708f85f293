using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Tests.Detect;

/// <summary>One folder of the shared failure cases: a mapping, queries, documents and expected.json.</summary>
internal sealed class FailureCase
{
    private readonly string _folder;

    private FailureCase(string folder)
    {
        _folder = folder;
        Mapping = FieldMapping.FromElasticsearchMapping(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "mapping.json")))!);
        Expected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "expected.json")))!.AsObject();
    }

    public FieldMapping Mapping { get; }

    public JsonObject Expected { get; }

    /// <summary>Loads the case folder whose name starts with <paramref name="number"/>, or skips the test.</summary>
    public static FailureCase Load(string number)
    {
        SharedData.RequireRoot();
        var folder = Directory.GetDirectories(SharedData.CasesFolder!, number + "-*").Single();
        return new FailureCase(folder);
    }

    public string Query(string file) => File.ReadAllText(Path.Combine(_folder, file));

    public bool Matches(string queryFile, string documentFile) => QueryMatches(Query(queryFile), documentFile);

    public bool QueryMatches(string query, string documentFile)
    {
        var compiled = Kql.Compile(query, Mapping);
        Assert.True(compiled.Success, compiled.Error?.ToString());

        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, documentFile)))!.AsObject();
        return compiled.Predicate!(new EcsDocument(root));
    }

    /// <summary>Returns (document, expected match) pairs recorded for <paramref name="queryFile"/>.</summary>
    public IEnumerable<(string Document, bool Expected)> ExpectedMatches(string queryFile) =>
        Expected[queryFile]!.AsObject()
            .Where(entry => entry.Value is JsonValue value && value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            .Select(entry => (entry.Key, entry.Value!.GetValue<bool>()));
}
