using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Dsl;

/// <summary>Builders for the query DSL objects Kibana emits.</summary>
internal static class DslClauses
{
    public static JsonObject MatchAll() => new() { ["match_all"] = new JsonObject() };

    public static JsonObject Bool(string occur, JsonNode clauses) => new() { ["bool"] = new JsonObject { [occur] = clauses } };

    public static JsonObject Should(IEnumerable<JsonNode> clauses) => new()
    {
        ["bool"] = new JsonObject { ["should"] = new JsonArray([.. clauses]), ["minimum_should_match"] = 1 },
    };

    public static JsonObject Nested(string path, JsonNode query, bool? ignoreUnmapped)
    {
        var nested = new JsonObject { ["path"] = path, ["query"] = query, ["score_mode"] = "none" };
        if (ignoreUnmapped is { } ignore)
        {
            nested["ignore_unmapped"] = ignore;
        }

        return new JsonObject { ["nested"] = nested };
    }

    /// <summary>Returns <c>{ kind: { field: body } }</c>, e.g. <c>{"term": {"f": {"value": "v"}}}</c>.</summary>
    public static JsonObject OnField(string kind, string field, JsonNode? body) =>
        new() { [kind] = new JsonObject { [field] = body } };

    /// <summary>Returns the literal as Kibana sends it: text, a JSON boolean, or null.</summary>
    public static JsonNode? Value(KqlValue value) => value.Kind switch
    {
        KqlValueKind.Boolean => JsonValue.Create(value.Text == "true"),
        KqlValueKind.Null => null,
        _ => JsonValue.Create(value.Text),
    };

    /// <summary>True for a digit-only value, which Elasticsearch reads as epoch milliseconds, so Kibana adds no time zone.</summary>
    public static bool IsEpochMillis(KqlValue value) =>
        value.Kind is KqlValueKind.Text or KqlValueKind.Quoted && value.Text.Length > 0 && value.Text.All(char.IsAsciiDigit);
}
