namespace Vigil.Detect.Kql;

/// <summary>
/// The Elasticsearch mapping a KQL query is compiled against: field name to type, plus the type
/// assumed for fields the mapping does not list (as with dynamic or ECS-wide templates).
/// </summary>
public sealed partial class FieldMapping
{
    private readonly Dictionary<string, MappedField> _fields;
    private readonly HashSet<string> _objectPaths;
    private readonly List<string> _flattenedRoots;
    private readonly List<string> _nestedPaths;
    private readonly ILookup<string, MappedField> _multiFields;

    /// <summary>Creates a mapping of <paramref name="fields"/>.</summary>
    /// <param name="fields">The mapped fields; a later entry for the same name replaces an earlier one.</param>
    /// <param name="defaultType">The type of fields the mapping does not list.</param>
    /// <param name="defaultIgnoreAbove">The <c>ignore_above</c> of those fields, when they are keywords.</param>
    public FieldMapping(IEnumerable<MappedField> fields, FieldType defaultType = FieldType.Keyword, int? defaultIgnoreAbove = null)
    {
        ArgumentNullException.ThrowIfNull(fields);

        _fields = new Dictionary<string, MappedField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            _fields[field.Name] = field;
        }

        DefaultType = defaultType;
        DefaultIgnoreAbove = defaultIgnoreAbove;
        _objectPaths = _fields.Keys.SelectMany(ParentPaths).ToHashSet(StringComparer.Ordinal);
        _flattenedRoots = NamesOfType(FieldType.Flattened);
        _nestedPaths = NamesOfType(FieldType.Nested);
        _multiFields = _fields.Values.Where(f => f.SourceField is not null && f.AliasTarget is null).ToLookup(f => f.SourceField!, StringComparer.Ordinal);
    }

    /// <summary>The type of fields the mapping does not list.</summary>
    public FieldType DefaultType { get; }

    /// <summary>The <c>ignore_above</c> of unlisted keyword fields.</summary>
    public int? DefaultIgnoreAbove { get; }

    /// <summary>
    /// True when fields the mapping does not list still exist in the index with <see cref="DefaultType"/>,
    /// as ECS fields do under Elastic's index templates, so a Kibana data view lists them too. False for a
    /// hand-written mapping: query DSL then sends unlisted fields untyped, as Kibana does for fields its
    /// data view lacks. Evaluation gives unlisted fields <see cref="DefaultType"/> either way.
    /// </summary>
    public bool UnlistedFieldsAreMapped { get; init; }

    /// <summary>The listed fields.</summary>
    public IReadOnlyCollection<MappedField> Fields => _fields.Values;

    /// <summary>Returns the listed field named <paramref name="name"/>, or null.</summary>
    public MappedField? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _fields.GetValueOrDefault(name);
    }

    /// <summary>Returns the flattened field that <paramref name="name"/> is a key path of, or null.</summary>
    internal MappedField? FlattenedRootOf(string name) =>
        _flattenedRoots.Where(root => IsStrictPrefix(root, name)).Select(root => _fields[root]).FirstOrDefault();

    /// <summary>True when listed fields sit below <paramref name="name"/>, so it is an object path.</summary>
    internal bool IsObjectPath(string name) => _objectPaths.Contains(name);

    /// <summary>
    /// Returns the innermost nested path strictly between <paramref name="scope"/> (a nested path, or
    /// empty for the root document) and <paramref name="name"/>, or null when there is none.
    /// </summary>
    internal string? NestedPathBetween(string scope, string name) =>
        _nestedPaths
            .Where(path => IsStrictPrefix(path, name) && (scope.Length == 0 || IsStrictPrefix(scope, path)))
            .MaxBy(path => path.Length);

    /// <summary>Returns the multi-fields (such as <c>.text</c>) that index <paramref name="sourceField"/>.</summary>
    internal IEnumerable<MappedField> MultiFieldsOf(string sourceField) => _multiFields[sourceField];

    private List<string> NamesOfType(FieldType type) =>
        _fields.Values.Where(f => f.Type == type && f.AliasTarget is null).Select(f => f.Name).ToList();

    private static bool IsStrictPrefix(string prefix, string name) =>
        name.Length > prefix.Length && name[prefix.Length] == '.' && name.StartsWith(prefix, StringComparison.Ordinal);

    private static IEnumerable<string> ParentPaths(string name)
    {
        for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = name.IndexOf('.', dot + 1))
        {
            yield return name[..dot];
        }
    }
}
