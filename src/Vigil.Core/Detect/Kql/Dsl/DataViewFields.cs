using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Dsl;

/// <summary>
/// The fields of a <see cref="FieldMapping"/> as a Kibana data view lists them: every mapped leaf
/// field and multi-field, but no object or nested container and no key of a flattened field.
/// Fields the mapping does not list are in the data view only when
/// <see cref="FieldMapping.UnlistedFieldsAreMapped"/> is set.
/// </summary>
internal sealed class DataViewFields(FieldMapping mapping)
{
    private readonly List<MappedField> _listed =
        mapping.Fields.Where(f => f.Type is not (FieldType.Object or FieldType.Nested)).ToList();

    /// <summary>The number of fields listed, which Kibana compares with a pattern's matches.</summary>
    public int Count => _listed.Count;

    /// <summary>Returns the field named <paramref name="name"/> as a one-element list, or an empty list (Kibana's <c>getFields</c>).</summary>
    public IReadOnlyList<DslField> Named(string name)
    {
        if (mapping.Find(name) is { } field)
        {
            return field.Type is FieldType.Object or FieldType.Nested ? [] : [ToDslField(field.Name, field.Type)];
        }

        var isUnlistedLeaf = mapping.UnlistedFieldsAreMapped
            && !mapping.IsObjectPath(name)
            && mapping.FlattenedRootOf(name) is null;
        return isUnlistedLeaf ? [ToDslField(name, mapping.DefaultType)] : [];
    }

    /// <summary>Returns the listed fields whose names match <paramref name="pattern"/>, in mapping order.</summary>
    public IReadOnlyList<DslField> Matching(WildcardText pattern)
    {
        var matcher = new WildcardMatcher(pattern.Segments.ToArray());
        return _listed.Where(f => matcher.IsMatch(f.Name)).Select(f => ToDslField(f.Name, f.Type)).ToList();
    }

    private DslField ToDslField(string name, FieldType type) => new(name, type, mapping.NestedPathBetween("", name));
}
