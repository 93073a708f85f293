using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;

namespace Vigil.Cli;

/// <summary>
/// Builds the query part of the search Kibana's detection engine sends for a KQL rule, as Kibana's
/// <c>buildEsQuery</c> combines it: <c>bool.filter</c> contains the KQL query and the enabled filters,
/// and <c>bool.must_not</c> the filters with <c>meta.negate: true</c>. The time range and the
/// exception lists are left out.
/// </summary>
internal static class RuleSearchDsl
{
    /// <summary>Returns the combined query, or null with an error naming the filter that cannot be printed.</summary>
    public static JsonObject? Build(DetectionRule rule, JsonObject kqlQuery, out string? error)
    {
        var filter = new JsonArray(kqlQuery);
        var mustNot = new JsonArray();
        error = null;
        if (rule.OtherFields.GetValueOrDefault("filters") is JsonArray filters)
        {
            for (var index = 0; index < filters.Count && error is null; index++)
            {
                error = AddFilter(filters[index], index, filter, mustNot);
            }
        }

        if (error is not null)
        {
            return null;
        }

        return new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = new JsonArray(),
                ["filter"] = filter,
                ["should"] = new JsonArray(),
                ["must_not"] = mustNot,
            },
        };
    }

    private static string? AddFilter(JsonNode? entry, int index, JsonArray filter, JsonArray mustNot)
    {
        // Kibana drops entries that are null, false, 0 or "", and disabled filters.
        if (!JavaScriptValues.IsTruthy(entry) || entry is not JsonObject item || JavaScriptValues.IsTruthy(item["meta"]?["disabled"]))
        {
            return null;
        }

        if (item["meta"]?["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "combined")
        {
            return $"filters[{index}] is a combined filter (meta.type: combined), which --dsl cannot print; read its meta.params for the filters it combines";
        }

        var query = item["query"] is JsonObject inner ? inner.DeepClone() : WithoutMeta(item);
        var negated = item["meta"]?["negate"] is JsonValue negate && negate.GetValueKind() == JsonValueKind.True;
        (negated ? mustNot : filter).Add(query);
        return null;
    }

    /// <summary>Returns an older filter whose query sits beside <c>meta</c> (<c>range</c>, <c>exists</c>), without <c>meta</c> and <c>$state</c>.</summary>
    private static JsonObject WithoutMeta(JsonObject item)
    {
        var query = new JsonObject();
        foreach (var (key, value) in item.Where(pair => pair.Key is not "meta" and not "$state"))
        {
            query[key] = value?.DeepClone();
        }

        return query;
    }
}
