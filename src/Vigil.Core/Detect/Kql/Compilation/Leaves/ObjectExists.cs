using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql.Documents;

namespace Vigil.Detect.Kql.Compilation.Leaves;

/// <summary>
/// Exists on a field that is or may be an object. The mapping lists it as an object or lists fields
/// below it, or it does not list it at all, because unlisted fields are mapped dynamically and a
/// document may fill one with an object. Elasticsearch 8 expands exists on a name that is no field of
/// its own to <c>name.*</c> and ORs the exists query of every field found (ExistsQueryBuilder.getMappedFields).
/// So this test passes when any sub-field passes the exists test of its own type: a keyword within
/// <c>ignore_above</c>, a parseable date, any key of a flattened field.
/// </summary>
internal sealed class ObjectExists : ValueTest
{
    // Bounds the memory of the path cache, because unlisted objects may take arbitrary keys.
    private const int MaxCachedPaths = 4096;

    private readonly FieldMapping _mapping;
    private readonly string _scope;
    private readonly string _name;
    private readonly Dictionary<string, ValueTest> _flattenedRoots;
    private readonly ConcurrentDictionary<string, ValueTest?> _leafTests = new(StringComparer.Ordinal);

    /// <param name="mapping">The mapping the sub-fields are resolved against.</param>
    /// <param name="name">The full field name.</param>
    /// <param name="scope">The nested path the query runs in, or empty for the document root.</param>
    public ObjectExists(FieldMapping mapping, string name, string scope)
    {
        _mapping = mapping;
        _scope = scope;
        _name = name;
        var below = mapping.Fields.Where(field => IsBelow(field.Name) && mapping.NestedPathBetween(scope, field.Name) is null).ToList();
        _flattenedRoots = below
            .Where(field => field.Type == FieldType.Flattened)
            .ToDictionary(field => field.Name, field => (ValueTest)new FlattenedLeavesTest(new KeywordExists(field.IgnoreAbove)), StringComparer.Ordinal);
        MatchesEveryDocument = below.Any(field => field.Type == FieldType.ConstantKeyword && field.ConstantValue is not null);
        OwnValueTest = LeafTestOf(name);
    }

    /// <summary>
    /// The test of a scalar value of the field itself, which only an unlisted field can have. It is null
    /// for an object in the mapping, because Elasticsearch rejects a scalar there.
    /// </summary>
    public ValueTest? OwnValueTest { get; }

    /// <summary>
    /// True when a sub-field is a <c>constant_keyword</c> with a value. Its exists query matches every
    /// document of the index, so the exists query on the object does too.
    /// </summary>
    public bool MatchesEveryDocument { get; }

    public override bool Test(JsonNode value) => TestAt(value, _name);

    /// <summary>Tests a value found at <paramref name="path"/>, the field's full name or a full name below it.</summary>
    public bool TestAt(JsonNode value, string path)
    {
        switch (value)
        {
            case JsonObject obj when _flattenedRoots.TryGetValue(path, out var rootTest):
                return rootTest.Test(obj);

            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (child is not null && TestAt(child, path + "." + key))
                    {
                        return true;
                    }
                }

                return false;

            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null && TestAt(item, path))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return LeafTestAt(path)?.Test(value) == true;
        }
    }

    private ValueTest? LeafTestAt(string path)
    {
        if (_leafTests.TryGetValue(path, out var cached))
        {
            return cached;
        }

        var test = LeafTestOf(path);
        if (_leafTests.Count < MaxCachedPaths)
        {
            _leafTests.TryAdd(path, test);
        }

        return test;
    }

    /// <summary>
    /// Builds the exists test of a scalar at <paramref name="path"/>: the test of its type, or of any
    /// multi-field indexing it (a value over a keyword's <c>ignore_above</c> may still fill a
    /// <c>.text</c> multi-field). Returns null where the value is not indexed in this scope.
    /// </summary>
    private ValueTest? LeafTestOf(string path)
    {
        if (_mapping.NestedPathBetween(_scope, path) is not null)
        {
            // Objects of a nested field are indexed as separate documents, which this scope does not see.
            return null;
        }

        var field = ResolvedField.Resolve(_mapping, path);
        var tests = new List<ValueTest>();
        if (field.Type is not (FieldType.Object or FieldType.Nested))
        {
            tests.Add(LeafCompiler.Exists(field).Test!);
        }

        foreach (var multiField in _mapping.MultiFieldsOf(path))
        {
            tests.Add(LeafCompiler.Exists(ResolvedField.Resolve(_mapping, multiField.Name)).Test!);
        }

        return tests.Count switch
        {
            0 => null,
            1 => tests[0],
            _ => new AnyTest(tests),
        };
    }

    private bool IsBelow(string field) =>
        field.Length > _name.Length && field[_name.Length] == '.' && field.StartsWith(_name, StringComparison.Ordinal);
}
