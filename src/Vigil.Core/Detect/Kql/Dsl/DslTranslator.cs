using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql.Dsl;

/// <summary>
/// Translates a KQL AST to Elasticsearch query DSL the way Kibana's kbn-es-query <c>toElasticsearchQuery</c>
/// does: typed when a mapping (Kibana's data view) is given, untyped otherwise. The first error, where
/// Kibana throws, is kept and translation carries on.
/// </summary>
internal sealed class DslTranslator(FieldMapping? mapping, KqlDslOptions options)
{
    private readonly DataViewFields? _dataView = mapping is null ? null : new DataViewFields(mapping);

    public (int Position, string Field, string Message)? FirstError { get; private set; }

    /// <summary>Translates <paramref name="node"/> inside <paramref name="nestedPath"/> (null at the document root).</summary>
    public JsonObject Translate(KqlNode node, string? nestedPath) => node switch
    {
        KqlAnd and => DslClauses.Bool(options.FiltersInMustClause ? "must" : "filter", new JsonArray([.. TranslateAll(and.Operands, nestedPath)])),
        KqlOr or => DslClauses.Should(TranslateAll(or.Operands, nestedPath)),
        KqlNot not => DslClauses.Bool("must_not", Translate(not.Operand, nestedPath)),
        KqlNested nested => TranslateNested(nested, nestedPath),
        KqlIs isNode => TranslateIs(isNode, nestedPath),
        KqlExists exists => TranslateExists(exists, nestedPath),
        KqlRange range => TranslateRange(range, nestedPath),
        _ => DslClauses.MatchAll(),
    };

    private List<JsonObject> TranslateAll(IEnumerable<KqlNode> operands, string? nestedPath) =>
        operands.Select(operand => Translate(operand, nestedPath)).ToList();

    private JsonObject TranslateNested(KqlNested nested, string? nestedPath)
    {
        var path = nested.Path.Name ?? "";
        var fullPath = nestedPath is null ? path : nestedPath + "." + path;
        return DslClauses.Nested(fullPath, Translate(nested.Query, fullPath), options.NestedIgnoreUnmapped);
    }

    private JsonObject TranslateIs(KqlIs node, string? nestedPath)
    {
        if (node.Field.IsNone && nestedPath is null)
        {
            return FreeText(node.Value);
        }

        var fullName = FullFieldName.Of(node.Field, nestedPath);
        var fields = FieldsOf(node, fullName, nestedPath);
        return DslClauses.Should(fields.Select(field => WrapNested(IsClause(field, node.Value), field, fullName, nestedPath)));
    }

    private JsonObject TranslateExists(KqlExists node, string? nestedPath)
    {
        if (node.Field.IsNone && nestedPath is null)
        {
            return new JsonObject { ["query_string"] = new JsonObject { ["query"] = "*" } };
        }

        var fullName = FullFieldName.Of(node.Field, nestedPath);
        var fields = FieldsOf(node, fullName, nestedPath);
        if (_dataView is not null && fields.Count == _dataView.Count)
        {
            // A pattern that covers every field of the data view needs no clause at all.
            return DslClauses.MatchAll();
        }

        return DslClauses.Should(fields.Select(field =>
            WrapNested(new JsonObject { ["exists"] = new JsonObject { ["field"] = field.Name } }, field, fullName, nestedPath)));
    }

    private JsonObject TranslateRange(KqlRange node, string? nestedPath)
    {
        var fullName = FullFieldName.Of(node.Field, nestedPath);
        var fields = FieldsOf(node, fullName, nestedPath);
        return DslClauses.Should(fields.Select(field =>
        {
            var body = new JsonObject { [OperatorName(node.Operator)] = DslClauses.Value(node.Value) };
            AddTimeZone(body, field, node.Value);
            return WrapNested(DslClauses.OnField("range", field.Name, body), field, fullName, nestedPath);
        }));
    }

    private static JsonObject FreeText(KqlValue value)
    {
        if (value.Pattern is { } pattern)
        {
            return new JsonObject { ["query_string"] = new JsonObject { ["query"] = QueryStringEscaper.ToQueryString(pattern) } };
        }

        var type = value.Kind == KqlValueKind.Quoted ? "phrase" : "best_fields";
        return new JsonObject
        {
            ["multi_match"] = new JsonObject { ["type"] = type, ["query"] = DslClauses.Value(value), ["lenient"] = true },
        };
    }

    /// <summary>Builds the clause for one field, in the order of Kibana's is.ts.</summary>
    private JsonObject IsClause(DslField field, KqlValue value)
    {
        if (value.Pattern is { } pattern)
        {
            var query = QueryStringEscaper.ToQueryString(pattern);
            return field.IsKeyword
                ? DslClauses.OnField("wildcard", field.Name, WithCaseInsensitive(new JsonObject { ["value"] = query }))
                : new JsonObject { ["query_string"] = new JsonObject { ["fields"] = new JsonArray(field.Name), ["query"] = query } };
        }

        if (field.IsDate)
        {
            var body = new JsonObject { ["gte"] = DslClauses.Value(value), ["lte"] = DslClauses.Value(value) };
            AddTimeZone(body, field, value);
            return DslClauses.OnField("range", field.Name, body);
        }

        if (field.IsKeyword)
        {
            return DslClauses.OnField("term", field.Name, WithCaseInsensitive(new JsonObject { ["value"] = DslClauses.Value(value) }));
        }

        var kind = value.Kind == KqlValueKind.Quoted ? "match_phrase" : "match";
        return DslClauses.OnField(kind, field.Name, DslClauses.Value(value));
    }

    /// <summary>
    /// Returns the data-view fields the name covers, or the name as written when it covers none (Kibana
    /// then sends it untyped), after Kibana's check that nested fields are queried inside their nested path.
    /// </summary>
    private IReadOnlyList<DslField> FieldsOf(KqlNode node, FullFieldName fullName, string? nestedPath)
    {
        var fields = _dataView is null ? [] : fullName.Pattern is { } pattern ? _dataView.Matching(pattern) : _dataView.Named(fullName.Text);
        if (fullName.Pattern is null || nestedPath is not null)
        {
            CheckNestedPaths(node, fields, nestedPath);
        }

        return fields.Count > 0 ? fields : [new DslField(fullName.Text, null, null)];
    }

    private void CheckNestedPaths(KqlNode node, IReadOnlyList<DslField> fields, string? nestedPath)
    {
        var errors = fields.Select(field => NestedPathError(field, nestedPath)).OfType<string>().ToList();
        if (errors.Count > 0)
        {
            FirstError ??= (node.Position, fields[0].Name, string.Join("; ", errors));
        }
    }

    /// <summary>Returns Kibana's error text when <paramref name="field"/> sits in another nested path than the query gives it.</summary>
    private static string? NestedPathError(DslField field, string? nestedPath) => (nestedPath, field.NestedPath) switch
    {
        (not null, null) => $"{field.Name} is not a nested field but is in nested group \"{nestedPath}\" in the KQL expression.",
        (null, not null) => $"{field.Name} is a nested field, but is not in a nested group in the KQL expression.",
        var (inQuery, actual) when inQuery != actual =>
            $"Nested field {field.Name} is being queried with the incorrect nested path. The correct path is {actual}.",
        _ => null,
    };

    /// <summary>Wraps a clause in <c>nested</c> when a field pattern reached a nested field from outside any nested query.</summary>
    private JsonObject WrapNested(JsonObject clause, DslField field, FullFieldName fullName, string? nestedPath) =>
        fullName.Pattern is not null && field.NestedPath is { } path && nestedPath is null
            ? DslClauses.Nested(path, clause, options.NestedIgnoreUnmapped)
            : clause;

    private JsonObject WithCaseInsensitive(JsonObject body)
    {
        if (options.CaseInsensitive is { } caseInsensitive)
        {
            body["case_insensitive"] = caseInsensitive;
        }

        return body;
    }

    private void AddTimeZone(JsonObject body, DslField field, KqlValue value)
    {
        if (field.IsDate && options.TimeZone is { } timeZone && !DslClauses.IsEpochMillis(value))
        {
            body["time_zone"] = timeZone;
        }
    }

    private static string OperatorName(KqlRangeOperator op) => op switch
    {
        KqlRangeOperator.GreaterThan => "gt",
        KqlRangeOperator.GreaterThanOrEqual => "gte",
        KqlRangeOperator.LessThan => "lt",
        _ => "lte",
    };
}
