using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Map;

/// <summary>Compares two ECS documents leaf by leaf under dotted field names.</summary>
internal static class FieldDiff
{
    /// <summary>Fields Elastic sets outside the mapping we reproduce: agent, test config, GeoIP, user-agent parsing, entity enrichment.</summary>
    private static readonly string[] UntrustedPrefixes =
    [
        "event.created", "event.original", "event.ingested", "event.dataset", "event.module", "data_stream", "tags",
        "source.geo", "source.as", "user_agent.name", "user_agent.version", "user_agent.os", "user_agent.device",
        "actor.", "entity.", "related.entity", "target.entity", "user.entity", "service.entity", "host.entity",
        "user.target.entity", "service.target.entity", "host.target.entity", "host.target.id",
    ];

    private static readonly string[] UnorderedFields = ["related.user", "related.ip", "related.hosts", "related.hash"];

    public static List<string> Compare(JsonObject expected, JsonObject actual, Func<string, bool> trusted)
    {
        var want = Flatten(expected).Where(f => Keep(f.Key, trusted)).ToDictionary();
        var got = Flatten(actual).Where(f => Keep(f.Key, trusted)).ToDictionary();
        var differences = new List<string>();
        foreach (var (field, value) in want)
        {
            if (!got.TryGetValue(field, out var actualValue))
            {
                differences.Add($"missing {field} = {value}");
            }
            else if (actualValue != value)
            {
                differences.Add($"{field}: expected {value}, got {actualValue}");
            }
        }

        differences.AddRange(got.Keys.Except(want.Keys).Select(field => $"extra {field} = {got[field]}"));
        return differences;
    }

    private static bool Keep(string field, Func<string, bool> trusted) =>
        trusted(field) && !UntrustedPrefixes.Any(prefix => field.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Returns leaf fields with canonical JSON text; arrays of scalars stay whole (sorted for the unordered fields).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonObject obj, string prefix = "")
    {
        foreach (var (key, value) in obj)
        {
            var field = prefix + key;
            if (value is JsonObject child && Descend(field))
            {
                foreach (var leaf in Flatten(child, field + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return new(field, Canonical(value, UnorderedFields.Contains(field)));
            }
        }
    }

    /// <summary>Flattened payloads and IdP attributes compare whole, because their keys are data, not fields.</summary>
    private static bool Descend(string field) =>
        field is "aws.cloudtrail.flattened" or "aws.cloudtrail.flattened.digest"
        || (!field.StartsWith("aws.cloudtrail.flattened.", StringComparison.Ordinal) && !field.EndsWith("web_id_federation_data.attributes", StringComparison.Ordinal));

    private static string Canonical(JsonNode? node, bool unordered)
    {
        if (node is JsonArray array && unordered)
        {
            return string.Join(",", array.Select(item => Canonical(item, false)).Order(StringComparer.Ordinal));
        }

        return node switch
        {
            JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value, false))) + "}",
            JsonArray list => "[" + string.Join(",", list.Select(item => Canonical(item, false))) + "]",
            null => "null",
            _ => node.ToJsonString(),
        };
    }
}
