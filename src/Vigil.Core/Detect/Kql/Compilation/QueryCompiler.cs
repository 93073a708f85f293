using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Compilation.Leaves;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;
using Vigil.Map;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// Compiles a KQL AST into <see cref="DocumentMatcher"/>s against a mapping. The first query error
/// is kept and compilation carries on with a never-matching leaf, so the error is reported once.
/// </summary>
internal sealed class QueryCompiler(FieldMapping mapping, TimeProvider clock)
{
    private readonly LeafCompiler _leaves = new(clock);
    private readonly TermLevelLeaves _termLevel = new(new LeafCompiler(clock), clock);

    public (int Position, string Field, string Message)? FirstError { get; private set; }

    /// <summary>The position in a terms query's list of the value <see cref="FirstError"/> rejects, when there is one.</summary>
    public int? FirstErrorValueIndex { get; private set; }

    /// <summary>Compiles <paramref name="node"/> in <paramref name="scope"/>: empty for the document, else a nested path.</summary>
    public DocumentMatcher Compile(KqlNode node, string scope) => node switch
    {
        KqlAnd and => new AndMatcher(and.Operands.Select(operand => Compile(operand, scope)).ToArray()),
        KqlOr or => new OrMatcher(or.Operands.Select(operand => Compile(operand, scope)).ToArray()),
        KqlNot not => new NotMatcher(Compile(not.Operand, scope)),
        KqlNested nested => CompileNested(nested, scope),
        KqlIs isNode => CompileLeaf(isNode, isNode.Field, scope, (field, freeText) => _leaves.Is(field, isNode.Value, freeText)),
        KqlExists exists => CompileLeaf(exists, exists.Field, scope, (field, _) => Exists(field, scope)),
        KqlRange range => CompileLeaf(range, range.Field, scope, (field, _) => _leaves.Range(field, range.Operator, range.Value)),
        _ => ConstantMatcher.Always,
    };

    /// <summary>
    /// Compiles an Elasticsearch range query with both bounds on <paramref name="field"/>, a plain
    /// field name, at the document root.
    /// </summary>
    public DocumentMatcher CompileBetween(KqlField field, KqlRangeOperator lowerOperator, KqlValue lower, KqlRangeOperator upperOperator, KqlValue upper) =>
        CompileLeaf(new KqlRange(field, lowerOperator, lower), field, "", (resolved, _) => _leaves.Between(resolved, lowerOperator, lower, upperOperator, upper));

    /// <summary>
    /// Compiles a term-level query of Elasticsearch's query DSL (term, terms, prefix, wildcard) on
    /// <paramref name="field"/>, a plain field name, at the document root. <paramref name="build"/>
    /// makes the value test for the field's type.
    /// </summary>
    public DocumentMatcher CompileTermLevel(KqlField field, Func<TermLevelLeaves, ResolvedField, LeafResult> build) =>
        CompileLeaf(new KqlExists(field), field, "", (resolved, _) => build(_termLevel, resolved));

    /// <summary>
    /// Builds the exists test of <paramref name="field"/>. A field the mapping lists as an object, or
    /// does not list at all, may hold an object, so its test looks at the sub-fields.
    /// </summary>
    private LeafResult Exists(ResolvedField field, string scope)
    {
        var mayBeObject = field.Type == FieldType.Object
            || (mapping.Find(field.Name) is null && mapping.FlattenedRootOf(field.Name) is null);
        return mayBeObject ? LeafResult.Ok(new ObjectExists(mapping, field.Name, scope)) : LeafCompiler.Exists(field);
    }

    private DocumentMatcher CompileNested(KqlNested nested, string scope)
    {
        var path = nested.Path.Name ?? "";
        var fullPath = Join(scope, path);
        var type = nested.Path.IsPattern ? null : mapping.Find(fullPath)?.Type;
        if (type != FieldType.Nested)
        {
            var mapped = type is { } known ? $"a {TypeFamilies.EsName(known)} field" : "not mapped";
            return Fail(nested.Position, fullPath,
                $"`{fullPath}:{{…}}` is a nested query, but `{fullPath}` is {mapped}, not a nested field, so Elasticsearch "
                + $"rejects it; write the conditions without the braces (they may then match different objects), or map `{fullPath}` as nested");
        }

        var inner = Compile(nested.Query, fullPath);
        return new FieldMatcher(new CompiledPath(path), new NestedObjectTest(inner));
    }

    private DocumentMatcher CompileLeaf(KqlNode node, KqlField field, string scope, Func<ResolvedField, bool, LeafResult> build)
    {
        if (field.Pattern is { } pattern)
        {
            return CompilePattern(node, pattern, scope, build);
        }

        if (field.Name is not { } name)
        {
            return CompileFreeText(node, scope, build);
        }

        var fullName = Join(scope, name);
        if (mapping.NestedPathBetween(scope, fullName) is not null)
        {
            // A plain query on a field inside a nested object finds no values, because only nested queries reach them.
            return ConstantMatcher.Never;
        }

        var resolved = ResolvedField.Resolve(mapping, fullName);
        var result = build(resolved, false);
        if (result.Error is { } error)
        {
            FirstErrorValueIndex = FirstError is null ? result.ValueIndex : FirstErrorValueIndex;
            return Fail(node.Position, resolved.Name, error);
        }

        return CompileField(resolved, result.Test!, scope);
    }

    private static DocumentMatcher CompileField(ResolvedField field, ValueTest test, string scope)
    {
        if (field.ConstantValue is { } constant)
        {
            return test.Test(JsonValue.Create(constant)) ? ConstantMatcher.Always : ConstantMatcher.Never;
        }

        if (test is ObjectExists { MatchesEveryDocument: true })
        {
            return ConstantMatcher.Always;
        }

        var valuePath = scope.Length == 0 ? field.ValuePath : field.ValuePath[(scope.Length + 1)..];
        DocumentMatcher fieldMatcher = test is ObjectExists objectExists
            ? new ObjectExistsMatcher(valuePath, field.ValuePath, objectExists)
            : new FieldMatcher(new CompiledPath(valuePath), field.IsFlattenedRoot ? new FlattenedLeavesTest(test) : test);
        var hotSlot = scope.Length == 0 ? HotFields.SlotOf(valuePath) : -1;
        // Exists on an unlisted hot field tests a string in the hot slot as a keyword, and anything else
        // through the fallback, which also reads objects.
        var keywordTest = test as KeywordTest ?? (test as ObjectExists)?.OwnValueTest as KeywordTest;
        return hotSlot >= 0 && !field.IsFlattenedRoot && keywordTest is not null
            ? new HotKeywordMatcher(hotSlot, keywordTest, fieldMatcher)
            : fieldMatcher;
    }

    /// <summary>
    /// Compiles a leaf on a field-name pattern over every mapped field the pattern covers, as Kibana
    /// expands it over the data view, and over the document's fields that the mapping lacks.
    /// </summary>
    /// <remarks>
    /// Kibana sends one clause per covered field and no <c>lenient</c> (kbn-es-query's <c>is.ts</c>
    /// sets it only on free text), so a covered field that rejects the value, such as a date field
    /// for a word, makes Elasticsearch reject the whole query. That is a query error here too.
    /// </remarks>
    private DocumentMatcher CompilePattern(KqlNode node, WildcardText pattern, string scope, Func<ResolvedField, bool, LeafResult> build)
    {
        var prefix = scope.Length == 0 ? "" : scope + ".";
        var segments = pattern.Segments.ToArray();
        segments[0] = prefix + segments[0];
        var namePattern = new WildcardMatcher(segments);

        var compiled = mapping.Fields
            .Where(f => f.Type is not (FieldType.Object or FieldType.Nested) && namePattern.IsMatch(f.Name))
            .Select(f => ResolvedField.Resolve(mapping, f.Name))
            .Select(field => (Field: field, Result: build(field, false)))
            .ToList();
        if (compiled.FirstOrDefault(c => c.Result.Error is not null) is { Field: not null } rejected)
        {
            var accepting = compiled.Where(c => c.Result.Error is null).Select(c => $"`{c.Field.Name}`").Take(3).ToList();
            return Fail(node.Position, rejected.Field.Name, PatternError(prefix + pattern.ToEscapedText(), rejected.Field.Name, rejected.Result.Error!, accepting));
        }

        var matchers = compiled.Select(c => CompileField(c.Field, c.Result.Test!, scope)).ToArray();
        var unmappedTest = build(ResolvedField.Resolve(mapping, prefix + "\u0000unmapped"), false).Test;
        var names = compiled.Select(c => c.Field.Name).ToHashSet(StringComparer.Ordinal);
        return new PatternMatcher(matchers, names, namePattern, prefix, mapping, unmappedTest);
    }

    /// <summary>
    /// Returns why a pattern fails: the covered field's own error, and as the fix the fields that take
    /// the value. The field's own fix is left out then, because it is for a query on that field alone.
    /// </summary>
    private static string PatternError(string pattern, string field, string fieldError, List<string> accepting)
    {
        if (accepting.Count == 0)
        {
            return $"the field pattern `{pattern}` covers `{field}`: {fieldError}";
        }

        var fixAt = fieldError.IndexOf("; ", StringComparison.Ordinal);
        var reason = fixAt < 0 ? fieldError : fieldError[..fixAt];
        var example = accepting.Count == 1 ? accepting[0] : $"{string.Join(", ", accepting[..^1])} or {accepting[^1]}";
        return $"the field pattern `{pattern}` covers `{field}`, and Kibana queries every field a pattern covers, without `lenient`. "
            + $"{reason}. Name the fields to search in place of the pattern, such as {example}";
    }

    private DocumentMatcher CompileFreeText(KqlNode node, string scope, Func<ResolvedField, bool, LeafResult> build)
    {
        if (node is KqlIs { Value.Kind: KqlValueKind.Null })
        {
            return Fail(node.Position, "*", "a free-text `null` sends a null value, which Elasticsearch rejects; quote it (\"null\") to search for the text");
        }

        var constants = mapping.Fields.Where(f => f.ConstantValue is not null).ToList();
        foreach (var constant in constants)
        {
            var test = build(ResolvedField.Resolve(mapping, constant.Name), true).Test;
            if (test?.Test(JsonValue.Create(constant.ConstantValue!)) == true)
            {
                return ConstantMatcher.Always;
            }
        }

        var prefix = scope.Length == 0 ? "" : scope + ".";
        return new FreeTextMatcher(type => build(new ResolvedField("*", type, null, null, "*", false), true).Test, prefix, scope, mapping);
    }

    private ConstantMatcher Fail(int position, string field, string message)
    {
        FirstError ??= (position, field, message);
        return ConstantMatcher.Never;
    }

    private static string Join(string scope, string name) => scope.Length == 0 ? name : scope + "." + name;
}
