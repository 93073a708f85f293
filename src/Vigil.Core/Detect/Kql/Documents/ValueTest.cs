using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Documents;

/// <summary>
/// A test of one value of a field (one array element), as Elasticsearch evaluates a leaf query per
/// indexed value. Values are never JSON null; they may be objects when the path names an object.
/// </summary>
internal abstract class ValueTest
{
    public abstract bool Test(JsonNode value);
}
