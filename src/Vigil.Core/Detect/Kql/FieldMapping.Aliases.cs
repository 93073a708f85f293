using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql;

/// <summary>Reading <c>alias</c> fields, which stand for another field of the same mapping.</summary>
public sealed partial class FieldMapping
{
    private const string AliasType = "alias";

    /// <summary>Reads an alias, whose type stays unknown until <see cref="ResolveAliases"/> finds its target.</summary>
    private static MappedField ReadAlias(string name, JsonObject definition)
    {
        if (Setting<string>(definition, "path", name) is not { } path)
        {
            throw new FormatException(
                $"Mapping alias `{Shown(name)}` has no \"path\"; give the full name of the field it stands for, such as \"path\": \"source.ip\".");
        }

        return new MappedField(name, FieldType.Keyword) { AliasTarget = path };
    }

    /// <summary>
    /// Gives each alias the type, limits and values of its target, which Elasticsearch 8
    /// (FieldAliasMapper) requires to be a field of the mapping that is neither an object nor another alias.
    /// </summary>
    private static List<MappedField> ResolveAliases(List<MappedField> fields)
    {
        var byName = new Dictionary<string, MappedField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            byName[field.Name] = field;
        }

        return fields.Select(field => field.AliasTarget is { } path ? Resolve(field.Name, path, byName) : field).ToList();
    }

    private static MappedField Resolve(string name, string path, Dictionary<string, MappedField> byName)
    {
        var problem = !byName.TryGetValue(path, out var target) ? "which the mapping does not list"
            : target.AliasTarget is not null ? "which is another alias, and an alias cannot refer to one"
            : target.Type is FieldType.Object or FieldType.Nested ? $"which is an {TypeName(target.Type)}, not a field with values"
            : null;
        if (problem is not null)
        {
            throw new FormatException(
                $"Mapping alias `{Shown(name)}` has the path `{Shown(path)}`, {problem}; give the full name of a field of the mapping.");
        }

        // The alias keeps the target's SourceField, so a multi-field target still reads its parent's values.
        return target! with { Name = name, AliasTarget = path };
    }
}
