using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql;

/// <summary>Reading the response of <c>GET index/_mapping</c>, which lists the mapping of each index.</summary>
public sealed partial class FieldMapping
{
    /// <summary>
    /// True for <c>{"index": {"mappings": …}, …}</c>, the shape <c>GET index/_mapping</c> returns. A
    /// data stream or an index pattern lists several indices, one for each backing index.
    /// </summary>
    private static bool IsGetMappingResponse(JsonObject top) =>
        top.Count > 0
        && top["mappings"] is null
        && top["properties"] is null
        && top.All(entry => entry.Value is JsonObject index && index.Count == 1 && index["mappings"] is JsonObject);

    /// <summary>
    /// Reads the fields of every index in the response. A field that several indices list keeps its
    /// first definition, and one they give different types is rejected, because a query can treat it
    /// only one way.
    /// </summary>
    private static List<MappedField> ReadIndices(JsonObject response)
    {
        var fields = new Dictionary<string, (MappedField Field, string Index)>(StringComparer.Ordinal);
        foreach (var (index, node) in response)
        {
            foreach (var field in ReadMapping((JsonObject)node!))
            {
                if (!fields.TryGetValue(field.Name, out var first))
                {
                    fields[field.Name] = (field, index);
                    continue;
                }

                if (first.Field.Type != field.Type)
                {
                    throw new FormatException(
                        $"Mapping field `{Shown(field.Name)}` is {IndefiniteArticle.With(TypeName(first.Field.Type))} in index `{Shown(first.Index)}` "
                        + $"but {IndefiniteArticle.With(TypeName(field.Type))} in index `{Shown(index)}`; give the mapping of one index, such as the output of GET {Shown(index)}/_mapping.");
                }
            }
        }

        return fields.Values.Select(entry => entry.Field).ToList();
    }
}
