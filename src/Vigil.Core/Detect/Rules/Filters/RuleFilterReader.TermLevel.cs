using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules.Filters;

/// <summary>
/// Reads the term-level queries of Elasticsearch's query DSL: <c>term</c>, <c>terms</c>,
/// <c>prefix</c> and <c>wildcard</c>. Each takes its options from the object under the field name,
/// and rejects an option it does not know, as Elasticsearch's query parsers do.
/// </summary>
internal sealed partial class RuleFilterReader
{
    /// <summary>Reads <c>{ "term": { "f": v } }</c> or <c>{ "term": { "f": { "value": v, "case_insensitive": true } } }</c>.</summary>
    private FilterNode? FromTerm(JsonNode? body, string path)
    {
        if (!TryReadSingleField(body, path, out var field, out var parameters))
        {
            return null;
        }

        var fieldPath = $"{path}.{field}";
        if (parameters is JsonArray)
        {
            return Invalid(fieldPath, "a term query takes one value, and Elasticsearch rejects an array; use a terms query for several values");
        }

        return TryReadValueOptions(parameters, fieldPath, "term", out var value, out var caseInsensitive)
            ? new FilterTermLevel(field, TermLevelQuery.Terms, [value], caseInsensitive) { Location = At(fieldPath) }
            : null;
    }

    /// <summary>
    /// Reads <c>{ "terms": { "f": [v1, v2] } }</c>, which matches a value equal to any of the values
    /// and, with none, matches no document.
    /// </summary>
    private FilterNode? FromTerms(JsonNode? body, string path)
    {
        if (body is not JsonObject terms)
        {
            return Invalid(path, "a terms query must be an object such as { \"event.action\": [\"CreateUser\"] }; fix it");
        }

        var fields = terms.Where(pair => !NoEffectOptions.Contains(pair.Key)).ToList();
        if (fields.Count != 1)
        {
            return Invalid(path, $"a terms query takes exactly one field, and this one has {fields.Count}, which Elasticsearch rejects; keep one field with an array of values");
        }

        var (field, list) = fields[0];
        var fieldPath = $"{path}.{field}";
        if (!CheckFieldName(field, fieldPath))
        {
            return null;
        }

        if (list is JsonObject)
        {
            return Unsupported(fieldPath, "Vigil cannot apply a terms lookup, which reads the values from a document in another index; list the values in the query");
        }

        if (list is not JsonArray array)
        {
            return Invalid(fieldPath, $"a terms query takes an array of values, not {list?.ToJsonString(MessageJson) ?? "null"}; write the values as a list");
        }

        var values = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is null)
            {
                return Invalid($"{fieldPath}[{i}]", $"the value at index {i} is null, and Elasticsearch rejects the query (No value specified for terms query); remove the null");
            }

            if (!TryReadScalar(array[i], $"{fieldPath}[{i}]", out var text))
            {
                return null;
            }

            values.Add(text);
        }

        return new FilterTermLevel(field, TermLevelQuery.Terms, values, CaseInsensitive: false) { Location = At(fieldPath, isList: true) };
    }

    /// <summary>Reads a <c>prefix</c> or <c>wildcard</c> query, whose value is the prefix or the pattern.</summary>
    private FilterTermLevel? FromPatternQuery(JsonNode? body, string path, TermLevelQuery query)
    {
        if (!TryReadSingleField(body, path, out var field, out var parameters))
        {
            return null;
        }

        var name = query == TermLevelQuery.Prefix ? "prefix" : "wildcard";
        var fieldPath = $"{path}.{field}";
        return TryReadValueOptions(parameters, fieldPath, name, out var value, out var caseInsensitive)
            ? new FilterTermLevel(field, query, [value], caseInsensitive) { Location = At(fieldPath) }
            : null;
    }

    /// <summary>
    /// Reads the value of a term-level query on one field: a scalar, or an object with the value under
    /// <c>value</c> (or, as older requests write it, under the query's name) and the options
    /// <c>case_insensitive</c>, <c>boost</c> and <c>_name</c>. Prefix and wildcard queries also take
    /// <c>rewrite</c>, which changes only how Elasticsearch scores the matches.
    /// </summary>
    private bool TryReadValueOptions(JsonNode? parameters, string path, string query, out string value, out bool caseInsensitive)
    {
        value = "";
        caseInsensitive = false;
        if (parameters is not JsonObject options)
        {
            return TryReadScalar(parameters, path, out value);
        }

        JsonNode? valueNode = null;
        var hasValue = false;
        var valuePath = path;
        foreach (var (key, option) in options)
        {
            var keyPath = $"{path}.{key}";
            if (key == "case_insensitive")
            {
                if (option?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Invalid(keyPath, $"case_insensitive is {option?.ToJsonString(MessageJson) ?? "null"}, and Elasticsearch takes only true or false; set it to true or false");
                    return false;
                }

                caseInsensitive = option.GetValueKind() == JsonValueKind.True;
            }
            else if (key == "value" || key == query)
            {
                valueNode = option;
                hasValue = true;
                valuePath = keyPath;
            }
            else if (!NoEffectOptions.Contains(key) && !(key == "rewrite" && query != "term"))
            {
                Invalid(keyPath, $"Elasticsearch's {query} query has no option {key}, so it rejects the query; remove the option");
                return false;
            }
        }

        if (!hasValue)
        {
            Invalid(path, $"the value is missing, and Elasticsearch rejects a {query} query without one; add value");
            return false;
        }

        return TryReadScalar(valueNode, valuePath, out value);
    }
}
