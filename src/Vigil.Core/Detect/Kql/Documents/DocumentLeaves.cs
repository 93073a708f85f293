using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Documents;

/// <summary>
/// Lists every scalar value of a document with its dotted field path (array elements share their
/// array's path), for free-text queries and field-name patterns.
/// </summary>
internal static class DocumentLeaves
{
    public static IEnumerable<(string Path, JsonNode Value)> Enumerate(JsonNode? scope)
    {
        var found = new List<(string, JsonNode)>();
        Collect(scope, "", found);
        return found;
    }

    private static void Collect(JsonNode? node, string path, List<(string, JsonNode)> found)
    {
        switch (node)
        {
            case null:
                return;

            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, path, found);
                }

                return;

            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Collect(child, path.Length == 0 ? key : path + "." + key, found);
                }

                return;

            default:
                if (path.Length > 0)
                {
                    found.Add((path, node));
                }

                return;
        }
    }
}
