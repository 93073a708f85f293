namespace Vigil.Detect.Kql.Compilation;

/// <summary>A field name resolved against the mapping: its type and where its values come from.</summary>
/// <param name="Name">The full field name.</param>
/// <param name="Type">The type; a key path of a flattened field has type flattened.</param>
/// <param name="IgnoreAbove">The keyword length limit, if any.</param>
/// <param name="ConstantValue">The index-wide value of a constant_keyword field, if set.</param>
/// <param name="ValuePath">The full path its values are read from (the parent field for a multi-field, the target for an alias).</param>
/// <param name="IsFlattenedRoot">True for the flattened field itself, which matches any of its leaves.</param>
internal sealed record ResolvedField(
    string Name,
    FieldType Type,
    int? IgnoreAbove,
    string? ConstantValue,
    string ValuePath,
    bool IsFlattenedRoot)
{
    public static ResolvedField Resolve(FieldMapping mapping, string name)
    {
        if (mapping.Find(name) is { } field)
        {
            return new ResolvedField(
                name, field.Type, field.IgnoreAbove, field.ConstantValue, field.SourceField ?? field.AliasTarget ?? name,
                field.Type == FieldType.Flattened);
        }

        if (mapping.FlattenedRootOf(name) is { } root)
        {
            return new ResolvedField(name, FieldType.Flattened, root.IgnoreAbove, null, name, false);
        }

        return mapping.IsObjectPath(name)
            ? new ResolvedField(name, FieldType.Object, null, null, name, false)
            : new ResolvedField(name, mapping.DefaultType, mapping.DefaultIgnoreAbove, null, name, false);
    }
}
