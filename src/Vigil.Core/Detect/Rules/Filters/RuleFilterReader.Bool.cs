using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Rules.Filters;

/// <summary>
/// Reads the <c>bool</c> query as Elasticsearch's <c>BoolQueryBuilder</c> builds a Lucene
/// <c>BooleanQuery</c>. Elasticsearch 7.0 dropped the older default of one should clause in a filter
/// context, so a filter's bool needs none when it has a must or filter clause.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A bool with no clauses at all is <c>match_all</c>, whatever its <c>minimum_should_match</c>.</item>
/// <item><c>minimum_should_match</c> is applied only when the computed count is above 0.</item>
/// <item>Without it, Lucene needs one <c>should</c> clause to match when the query has no
/// <c>must</c> or <c>filter</c> clause. An empty <c>must: []</c> adds no clause, and
/// <c>must_not</c> clauses do not count.</item>
/// </list>
/// </remarks>
internal sealed partial class RuleFilterReader
{
    private FilterNode? FromBool(JsonNode? body, string path)
    {
        if (body is not JsonObject clauses)
        {
            return Invalid(path, "a bool query must be an object of must, filter, should and must_not clauses; fix it");
        }

        var required = new List<FilterNode>();
        var prohibited = new List<FilterNode>();
        var optional = new List<FilterNode>();
        (string Text, string Path)? minimum = null;
        foreach (var (key, value) in clauses)
        {
            var keyPath = $"{path}.{key}";
            switch (key)
            {
                case "must" or "filter" or "should" or "must_not":
                    var into = key switch { "should" => optional, "must_not" => prohibited, _ => required };
                    if (!TryReadClauses(value, key, keyPath, into))
                    {
                        return null;
                    }

                    break;
                case "minimum_should_match":
                    if (!TryReadMinimumText(value, keyPath, out var text))
                    {
                        return null;
                    }

                    minimum = (text, keyPath);
                    break;
                case "boost" or "_name":
                    break;
                default:
                    return Unsupported(keyPath, $"Vigil cannot apply the bool option {key}; remove it");
            }
        }

        return Combine(required, prohibited, optional, minimum);
    }

    /// <summary>Builds the Lucene <c>BooleanQuery</c> of the read clauses.</summary>
    private FilterAll? Combine(List<FilterNode> required, List<FilterNode> prohibited, List<FilterNode> optional, (string Text, string Path)? minimum)
    {
        if (required.Count + prohibited.Count + optional.Count == 0)
        {
            return FilterAll.MatchAll;
        }

        var needed = 0;
        if (minimum is { } spec && !TryComputeMinimum(spec.Text, spec.Path, optional.Count, out needed))
        {
            return null;
        }

        if (needed <= 0 && optional.Count > 0 && required.Count == 0)
        {
            needed = 1;
        }

        var operands = new List<FilterNode>(required);
        operands.AddRange(prohibited.Select(clause => new FilterNot(clause)));
        if (needed > 0)
        {
            operands.Add(new FilterAtLeast(needed, optional));
        }

        return new FilterAll(operands);
    }

    /// <summary>Reads one clause object, or an array of them, of a bool occurrence such as <c>must</c>.</summary>
    private bool TryReadClauses(JsonNode? value, string occurrence, string path, List<FilterNode> into)
    {
        if (value is null)
        {
            Invalid(path, $"{occurrence} is null, and Elasticsearch rejects a null clause; give a query or a list of queries, or remove {occurrence}");
            return false;
        }

        var items = value is JsonArray array ? array.Select((item, i) => (item, $"{path}[{i}]")).ToList() : [(value, path)];
        foreach (var (item, itemPath) in items)
        {
            if (item is null)
            {
                Invalid(itemPath, $"the {occurrence} list has null, and Elasticsearch rejects a null clause; remove it");
                return false;
            }

            var clause = FromQuery(item, itemPath);
            if (clause is null)
            {
                return false;
            }

            into.Add(clause);
        }

        return true;
    }

    /// <summary>Reads <c>minimum_should_match</c> as the text Elasticsearch parses: a string, or a number as written.</summary>
    private bool TryReadMinimumText(JsonNode? value, string path, out string text)
    {
        text = "";
        switch (value?.GetValueKind())
        {
            case JsonValueKind.String:
                text = value.GetValue<string>();
                return true;
            case JsonValueKind.Number:
                text = value.ToJsonString(MessageJson);
                return true;
            default:
                Invalid(path, $"minimum_should_match is {value?.ToJsonString(MessageJson) ?? "null"}, and Elasticsearch takes only a count or a percentage; give one such as 1 or \"50%\"");
                return false;
        }
    }

    private bool TryComputeMinimum(string text, string path, int optionalClauses, out int needed)
    {
        if (MinimumShouldMatch.TryCalculate(text, optionalClauses, out needed))
        {
            return true;
        }

        Invalid(path, $"Elasticsearch cannot parse minimum_should_match {JsonValue.Create(text).ToJsonString(MessageJson)}, so it rejects the query; give a whole count such as 1 or -1, or a percentage such as \"50%\"");
        return false;
    }
}
