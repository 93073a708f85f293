using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>JSON nested deeper than parsers allow by default (64 levels).</summary>
internal static class DeepJson
{
    /// <summary>Returns <c>{"d":{"d":…1…}}</c> with <paramref name="levels"/> objects.</summary>
    public static JsonNode Objects(int levels)
    {
        JsonNode deep = 1;
        for (var level = 0; level < levels; level++)
        {
            deep = new JsonObject { ["d"] = deep };
        }

        return deep;
    }
}
