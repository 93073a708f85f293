using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Documents;

/// <summary>
/// The values at one field path of one document, with their keyword texts read on first use, so that
/// keyword tests compare strings instead of re-reading JSON for every rule.
/// </summary>
internal sealed class PathValues(JsonNode[] nodes)
{
    private string?[]? _keywordTexts;

    /// <summary>No values: the field is missing or null.</summary>
    public static PathValues None { get; } = new([]);

    /// <summary>The non-null values in document order, arrays flattened.</summary>
    public JsonNode[] Nodes { get; } = nodes;

    /// <summary>The keyword text of each value (<see cref="ScalarValue.KeywordText"/>), null for objects.</summary>
    public string?[] KeywordTexts => _keywordTexts ??= Array.ConvertAll(Nodes, ScalarValue.KeywordText);
}
