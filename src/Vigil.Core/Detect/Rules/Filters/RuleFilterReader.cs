using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;

namespace Vigil.Detect.Rules.Filters;

/// <summary>
/// Reads a query rule's <c>filters</c> into the query Kibana's detection engine ANDs with the rule's
/// query, following <c>buildQueryFromFilters</c> of Kibana's <c>@kbn/es-query</c> package.
/// </summary>
/// <remarks>
/// Facts from Kibana's source (elastic/kibana, <c>packages/kbn-es-query/src</c>:
/// <c>es_query/from_filters.ts</c>, <c>es_query/migrate_filter.ts</c>,
/// <c>es_query/handle_combined_filter.ts</c>, <c>filters/helpers/meta_filter.ts</c>) that this
/// reader relies on:
/// <list type="bullet">
/// <item>A filter whose <c>meta.disabled</c> is truthy in JavaScript is left out.</item>
/// <item>A filter whose <c>meta.negate</c> is <c>true</c> goes to <c>must_not</c>; one without
/// <c>meta</c> or <c>meta.negate</c>, or with <c>false</c>, goes to <c>filter</c>. Any other value
/// puts it in neither, so Vigil rejects it rather than drop it unnoticed.</item>
/// <item>The query is the filter's <c>query</c>. A filter without one has its other keys but
/// <c>meta</c> and <c>$state</c> moved under <c>query</c> (older exports put <c>range</c>,
/// <c>exists</c> or <c>match_all</c> at the top level). A <c>match</c> query with
/// <c>type: phrase</c> there becomes <c>match_phrase</c>.</item>
/// <item><c>meta.type: combined</c> builds the query from the filters in <c>meta.params</c>: all
/// of them for <c>relation: AND</c>, at least one for <c>OR</c>.</item>
/// <item>The detection engine's <c>getQueryFilter</c> passes a data view without fields and
/// <c>ignoreFilterIfFieldNotInIndex: false</c>, so every enabled filter applies as written and
/// none is wrapped in a <c>nested</c> query.</item>
/// </list>
/// </remarks>
internal sealed partial class RuleFilterReader
{
    /// <summary>The rule field, as Kibana's API and detection-rules TOML name it.</summary>
    public const string Field = "filters";

    /// <summary>The fix for a query Vigil cannot apply: a query it applies, or the rule's KQL query.</summary>
    private const string RewriteFix =
        "use a phrase, phrases, exists or range filter or a term, terms, prefix or wildcard query, or move the condition into the rule's KQL query";

    private static readonly string[] NoEffectOptions = ["boost", "_name"];

    // Values in messages keep characters such as '+' as written, so a user finds them in the rule
    // file. Control characters stay escaped, and the callers sanitize messages for the terminal.
    private static readonly JsonSerializerOptions MessageJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private FilterProblem? _problem;
    private string _filterName = "";
    private int _filterIndex = -1;

    private RuleFilterReader()
    {
    }

    /// <summary>
    /// Returns the query of <paramref name="rule"/>'s enabled filters, or null when it has none.
    /// Sets <paramref name="problem"/>, and returns null, when a filter cannot be applied.
    /// </summary>
    public static FilterNode? Read(DetectionRule rule, out FilterProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(rule);

        problem = null;
        if (!rule.OtherFields.TryGetValue(Field, out var filters) || filters is null)
        {
            return null;
        }

        if (filters is not JsonArray array)
        {
            problem = new FilterProblem(false, "invalid filters: expected an array of Kibana filters, as Kibana's rule schema requires; write filters as a list, or remove it");
            return null;
        }

        var reader = new RuleFilterReader();
        var node = reader.FromFilters(array, Field);
        problem = reader._problem;
        return problem is null && node is not FilterAll { Operands.Count: 0 } ? node : null;
    }

    /// <summary>Returns the <c>bool</c> query <c>buildQueryFromFilters</c> makes of <paramref name="filters"/>.</summary>
    private FilterNode? FromFilters(JsonArray filters, string path)
    {
        var operands = new List<FilterNode>();
        for (var i = 0; i < filters.Count; i++)
        {
            var filter = filters[i];
            var filterPath = $"{path}[{i}]";
            if (path == Field)
            {
                _filterIndex = i;
            }

            // Kibana drops filters that are null, false, 0 or "" before anything else.
            if (!JavaScriptValues.IsTruthy(filter))
            {
                continue;
            }

            if (filter is not JsonObject filterObject)
            {
                return Invalid(filterPath, "a filter must be an object with meta and query; remove this entry");
            }

            var node = FromFilter(filterObject, filterPath);
            if (_problem is not null)
            {
                return null;
            }

            if (node is not null)
            {
                operands.Add(node);
            }
        }

        return new FilterAll(operands);
    }

    /// <summary>Returns the query of one filter, negated when <c>meta.negate</c> is true, or null when it is disabled.</summary>
    private FilterNode? FromFilter(JsonObject filter, string path)
    {
        var meta = filter["meta"];
        if (meta is not null and not JsonObject)
        {
            return Invalid(path, "meta must be an object; write meta as a table with negate and disabled, or remove it");
        }

        var outerName = _filterName;
        _filterName = Describe(path, meta as JsonObject);
        try
        {
            if (JavaScriptValues.IsTruthy(meta?["disabled"]))
            {
                return null;
            }

            if (!TryReadNegate(meta as JsonObject, path, out var negate))
            {
                return null;
            }

            var query = meta?["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "combined"
                ? FromCombined((JsonObject)meta!, path)
                : FromFilterQuery(filter, path);
            if (query is null || !negate)
            {
                return query;
            }

            return new FilterNot(query);
        }
        finally
        {
            _filterName = outerName;
        }
    }

    private bool TryReadNegate(JsonObject? meta, string path, out bool negate)
    {
        negate = false;
        if (meta is null || !meta.TryGetPropertyValue("negate", out var value))
        {
            return true;
        }

        switch (value?.GetValueKind())
        {
            case JsonValueKind.True:
                negate = true;
                return true;
            case JsonValueKind.False:
                return true;
            default:
                // Kibana compares negate with === true and === false, so any other value puts the filter nowhere.
                Unsupported(path + ".meta.negate", $"meta.negate is {value?.ToJsonString(MessageJson) ?? "null"}, which Kibana applies neither as a filter nor negated, so Vigil does not guess; set it to true or false");
                return false;
        }
    }

    /// <summary>Returns the query of a combined filter, built from the filters in <c>meta.params</c>.</summary>
    private FilterNode? FromCombined(JsonObject meta, string path)
    {
        if (meta["params"] is not JsonArray parts)
        {
            return Invalid(path + ".meta.params", "a combined filter needs the filters it combines in meta.params; add them, or remove this filter");
        }

        var relation = meta["relation"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        switch (relation)
        {
            case "AND":
                return FromFilters(parts, path + ".meta.params");
            case "OR":
                var operands = new List<FilterNode>();
                for (var i = 0; i < parts.Count; i++)
                {
                    var alternative = FromAlternative(parts[i], $"{path}.meta.params[{i}]");
                    if (alternative is null)
                    {
                        return null;
                    }

                    operands.Add(alternative);
                }

                return new FilterAtLeast(1, operands);
            default:
                return Unsupported(path + ".meta.relation", $"Vigil cannot apply a combined filter whose relation is {relation ?? "missing"}; set meta.relation to AND or OR");
        }
    }

    /// <summary>
    /// Returns one alternative of an OR combined filter. Kibana builds each with
    /// <c>buildQueryFromFilters</c> alone, so a disabled or empty one matches every document.
    /// </summary>
    private FilterNode? FromAlternative(JsonNode? part, string path)
    {
        if (!JavaScriptValues.IsTruthy(part))
        {
            return FilterAll.MatchAll;
        }

        if (part is not JsonObject filter)
        {
            return Invalid(path, "a filter must be an object with meta and query; remove this entry");
        }

        var node = FromFilter(filter, path);
        return _problem is not null ? null : node ?? FilterAll.MatchAll;
    }

    /// <summary>Returns the query of a filter that is not combined, after Kibana's <c>migrateFilter</c>.</summary>
    private FilterNode? FromFilterQuery(JsonObject filter, string path)
    {
        if (JavaScriptValues.IsTruthy(filter["query"]))
        {
            return FromQuery(filter["query"], path + ".query", topLevel: true);
        }

        // Without a query, Kibana moves every other key under query.
        var moved = new JsonObject();
        foreach (var (key, value) in filter)
        {
            if (key is not ("meta" or "$state" or "query"))
            {
                moved[key] = value?.DeepClone();
            }
        }

        if (moved.Count == 0)
        {
            return Invalid(path, "the filter has no query, and Elasticsearch rejects an empty query; add a query such as query.match_phrase, or remove the filter");
        }

        return FromQuery(moved, path, topLevel: true);
    }

    /// <summary>Returns one query of the Elasticsearch query DSL.</summary>
    /// <param name="query">The query object, with one key naming the query type.</param>
    /// <param name="path">Where the query is in the rule, for messages.</param>
    /// <param name="topLevel">True for a filter's own query, where Kibana turns a <c>match</c> with <c>type: phrase</c> into <c>match_phrase</c>.</param>
    private FilterNode? FromQuery(JsonNode? query, string path, bool topLevel = false)
    {
        if (query is not JsonObject queryObject || queryObject.Count != 1)
        {
            return Invalid(path, "a query must be an object with exactly one query type, such as match_phrase, and Elasticsearch rejects others; fix the query");
        }

        var (type, body) = queryObject.First();
        var bodyPath = $"{path}.{type}";
        return type switch
        {
            "match_phrase" => FromMatch(body, bodyPath, phrase: true, topLevel),
            "match" => FromMatch(body, bodyPath, phrase: false, topLevel),
            "exists" => FromExists(body, bodyPath),
            "range" => FromRange(body, bodyPath),
            "bool" => FromBool(body, bodyPath),
            "term" => FromTerm(body, bodyPath),
            "terms" => FromTerms(body, bodyPath),
            "prefix" => FromPatternQuery(body, bodyPath, TermLevelQuery.Prefix),
            "wildcard" => FromPatternQuery(body, bodyPath, TermLevelQuery.Wildcard),
            "match_all" => FromConstant(body, bodyPath, FilterAll.MatchAll),
            "match_none" => FromConstant(body, bodyPath, new FilterAtLeast(1, [])),
            _ => Unsupported(bodyPath, $"Vigil cannot apply {IndefiniteArticle.With(type)} query; {RewriteFix}"),
        };
    }

    /// <summary>
    /// Returns a <c>match_phrase</c> or <c>match</c> query as the KQL leaf Kibana translates to the
    /// same query, so that Vigil's KQL semantics per field type apply: a phrase of tokens on text
    /// fields, the whole value on keyword fields, and the parsed value on numbers, dates, IPs and
    /// booleans (Elasticsearch runs a term query there, and a date term query is the range from the
    /// value rounded down to the value rounded up, as a KQL date value is).
    /// </summary>
    private FilterNode? FromMatch(JsonNode? body, string path, bool phrase, bool topLevel)
    {
        if (!TryReadSingleField(body, path, out var field, out var parameters))
        {
            return null;
        }

        var fieldPath = $"{path}.{field}";
        JsonNode? value = parameters;
        if (parameters is JsonObject options)
        {
            if (!options.TryGetPropertyValue("query", out value))
            {
                return Invalid(fieldPath, "the query value is missing, and Elasticsearch rejects a query without one; add query");
            }

            foreach (var (option, optionValue) in options)
            {
                if (option == "type" && !phrase && topLevel && IsString(optionValue, "phrase"))
                {
                    // Kibana's migrateFilter turns { match: { f: { query, type: phrase } } } into match_phrase.
                    phrase = true;
                }
                else if (!IsHarmlessMatchOption(option, optionValue, phrase))
                {
                    return Unsupported($"{fieldPath}.{option}", $"Vigil cannot apply the {(phrase ? "match_phrase" : "match")} option {option}; remove it, or move the condition into the rule's KQL query");
                }
            }
        }

        if (!TryReadScalar(value, fieldPath, out var text))
        {
            return null;
        }

        var kqlValue = phrase ? KqlValue.Quoted(text) : KqlValue.Unquoted(text);
        return new FilterLeaf(new KqlIs(KqlField.Named(field), kqlValue)) { Location = At(fieldPath) };
    }

    /// <summary>True for an option that leaves the matched documents as they are with the standard analyzer.</summary>
    private static bool IsHarmlessMatchOption(string option, JsonNode? value, bool phrase) => option switch
    {
        "query" => true,
        "boost" or "_name" => true,
        "slop" => phrase && value is JsonValue slop && slop.GetValueKind() == JsonValueKind.Number && JavaScriptValues.NumberOf(slop) == 0,
        "zero_terms_query" => IsString(value, "none"),
        "operator" => !phrase && value is JsonValue text && text.GetValueKind() == JsonValueKind.String && text.GetValue<string>().Equals("or", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private FilterNode? FromExists(JsonNode? body, string path)
    {
        if (body is not JsonObject exists || exists["field"] is not JsonValue field || field.GetValueKind() != JsonValueKind.String)
        {
            return Invalid(path, "an exists query needs a field name in exists.field; add it");
        }

        if (exists.Select(pair => pair.Key).FirstOrDefault(key => key != "field" && !NoEffectOptions.Contains(key)) is { } option)
        {
            return Unsupported($"{path}.{option}", $"Vigil cannot apply the exists option {option}; remove it");
        }

        var name = field.GetValue<string>();
        return CheckFieldName(name, path + ".field") ? new FilterLeaf(new KqlExists(KqlField.Named(name))) { Location = At(path + ".field") } : null;
    }

    /// <summary>
    /// Returns a <c>range</c> query with <c>gt</c>, <c>gte</c>, <c>lt</c> and <c>lte</c> bounds. A
    /// <c>format</c> is accepted when it is the date format Elasticsearch uses by default, and a
    /// <c>time_zone</c> when it is UTC, which Vigil's date parsing assumes.
    /// </summary>
    private FilterNode? FromRange(JsonNode? body, string path)
    {
        if (!TryReadSingleField(body, path, out var field, out var parameters))
        {
            return null;
        }

        var fieldPath = $"{path}.{field}";
        if (parameters is not JsonObject bounds)
        {
            return Invalid(fieldPath, "a range query needs an object of bounds such as { gte = 1, lt = 10 }; fix it");
        }

        FilterBound? lower = null;
        FilterBound? upper = null;
        foreach (var (key, value) in bounds)
        {
            var keyPath = $"{fieldPath}.{key}";
            if (key is "gt" or "gte" or "lt" or "lte")
            {
                // Elasticsearch reads a null bound as no bound.
                if (value is null)
                {
                    continue;
                }

                if (!TryReadScalar(value, keyPath, out var text))
                {
                    return null;
                }

                var isLower = key is "gt" or "gte";
                if ((isLower ? lower : upper) is not null)
                {
                    return Unsupported(keyPath, $"the range has two {(isLower ? "lower" : "upper")} bounds, which Vigil cannot apply; keep one of {(isLower ? "gt and gte" : "lt and lte")}");
                }

                var bound = new FilterBound(RangeOperator(key), KqlValue.Unquoted(text));
                lower = isLower ? bound : lower;
                upper = isLower ? upper : bound;
            }
            else if (!IsHarmlessRangeOption(key, value))
            {
                return Unsupported(keyPath, $"Vigil cannot apply the range option {key}: {value?.ToJsonString(MessageJson)}; it applies gt, gte, lt, lte, a UTC time_zone and the default date format, so remove the option");
            }
        }

        if (lower is null && upper is null)
        {
            return Unsupported(fieldPath, "the range has no bound, which Vigil cannot apply; add gt, gte, lt or lte, or remove the filter");
        }

        return new FilterRange(field, lower, upper) { Location = At(fieldPath) };
    }

    private static KqlRangeOperator RangeOperator(string key) => key switch
    {
        "gt" => KqlRangeOperator.GreaterThan,
        "gte" => KqlRangeOperator.GreaterThanOrEqual,
        "lt" => KqlRangeOperator.LessThan,
        _ => KqlRangeOperator.LessThanOrEqual,
    };

    private static bool IsHarmlessRangeOption(string key, JsonNode? value) => key switch
    {
        "boost" or "_name" => true,
        "format" => IsString(value, "strict_date_optional_time") || IsString(value, "strict_date_optional_time||epoch_millis"),
        "time_zone" => value is JsonValue zone && zone.GetValueKind() == JsonValueKind.String
            && zone.GetValue<string>() is "UTC" or "Z" or "Zulu" or "+00:00" or "Etc/UTC" or "GMT",
        _ => false,
    };

    private FilterNode? FromConstant(JsonNode? body, string path, FilterNode constant)
    {
        if (body is not JsonObject options)
        {
            return Invalid(path, "expected an object such as {}; fix the query");
        }

        return options.Select(pair => pair.Key).FirstOrDefault(key => !NoEffectOptions.Contains(key)) is { } option
            ? Unsupported($"{path}.{option}", $"Vigil cannot apply the option {option}; remove it")
            : constant;
    }

    /// <summary>Reads a query body keyed by one field name, such as <c>{ "event.action": "x" }</c>.</summary>
    private bool TryReadSingleField(JsonNode? body, string path, out string field, out JsonNode? parameters)
    {
        field = "";
        parameters = null;
        if (body is not JsonObject fields || fields.Count != 1)
        {
            Invalid(path, "expected an object with exactly one field name, as Elasticsearch requires; fix the query");
            return false;
        }

        (field, parameters) = fields.First();
        return CheckFieldName(field, path);
    }

    private bool CheckFieldName(string field, string path)
    {
        if (field.Length == 0)
        {
            Invalid(path, "the field name is empty; name a field such as event.action");
            return false;
        }

        if (field.Contains('*', StringComparison.Ordinal))
        {
            Unsupported(path, $"Vigil cannot apply the field name pattern {field} in a filter; name each field, or move the condition into the rule's KQL query");
            return false;
        }

        return true;
    }

    /// <summary>Reads a query value as the text Elasticsearch receives from Kibana, where JavaScript has written numbers.</summary>
    private bool TryReadScalar(JsonNode? value, string path, out string text)
    {
        text = "";
        switch (value?.GetValueKind())
        {
            case JsonValueKind.String:
                text = value.GetValue<string>();
                return true;
            case JsonValueKind.Number:
                text = JavaScriptValues.NumberText(JavaScriptValues.NumberOf(value.AsValue()));
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                text = value.GetValueKind() == JsonValueKind.True ? "true" : "false";
                return true;
            case null:
                Invalid(path, "the value is null, and Elasticsearch rejects a query without a value; give a value");
                return false;
            default:
                Unsupported(path, $"Vigil cannot apply the value {value.ToJsonString(MessageJson)}, which is not a string, number or boolean; give one value");
                return false;
        }
    }

    private static bool IsString(JsonNode? node, string expected) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == expected;

    /// <summary>Names a filter by its position and, when its meta names them, its alias, type and field.</summary>
    private static string Describe(string path, JsonObject? meta)
    {
        string? Text(string key) => meta?[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

        var type = Text("type");
        var key = Text("key");
        var alias = Text("alias");
        var parts = new List<string>();
        if (alias is not null)
        {
            parts.Add($"\"{alias}\"");
        }

        if (type is not null || key is not null)
        {
            parts.Add($"{type ?? "custom"} filter{(key is null ? "" : " on " + key)}");
        }

        return parts.Count == 0 ? path : $"{path} ({string.Join(", ", parts)})";
    }

    private FilterNode? Unsupported(string path, string message)
    {
        _problem ??= FilterProblem.Create(true, NameOr(path), message, path, _filterIndex);
        return null;
    }

    private FilterNode? Invalid(string path, string message)
    {
        _problem ??= FilterProblem.Create(false, NameOr(path), message, path, _filterIndex);
        return null;
    }

    private FilterLocation At(string path, bool isList = false) => new(_filterIndex, path, NameOr(path), isList);

    private string NameOr(string path) => _filterName.Length > 0 ? _filterName : path;
}
