using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;

namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>
/// Exists on a field whose value Elasticsearch indexes whole, such as a geo_point or a range: any
/// non-null value counts, and in an object or an array any non-null part of it.
/// </summary>
internal sealed class AnyValueExists : ValueTest
{
    public static AnyValueExists Instance { get; } = new();

    public override bool Test(JsonNode value) => value switch
    {
        JsonObject obj => obj.Any(property => property.Value is not null && Test(property.Value)),
        JsonArray array => array.Any(item => item is not null && Test(item)),
        _ => true,
    };
}
