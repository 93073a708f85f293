using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Documents;

/// <summary>
/// A test of one value of a field (one array element), as Elasticsearch evaluates a leaf query per
/// indexed value. Values are never JSON null; they may be objects when the path names an object.
/// </summary>
internal abstract class ValueTest
{
    public abstract bool Test(JsonNode value);

    /// <summary>True when one of <paramref name="values"/> passes.</summary>
    public virtual bool TestAny(PathValues values)
    {
        foreach (var value in values.Nodes)
        {
            if (Test(value))
            {
                return true;
            }
        }

        return false;
    }
}
