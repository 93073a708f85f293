using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql;

/// <summary>
/// Reading an Elasticsearch field definition (<c>{"type": …, "properties": …, "fields": …}</c>) and
/// every field below it, with the checks Elasticsearch 8 applies when it creates an index.
/// </summary>
public sealed partial class FieldMapping
{
    private static void ReadProperties(JsonObject properties, string prefix, List<MappedField> fields)
    {
        foreach (var (key, node) in properties)
        {
            var name = prefix + key;
            if (node is not JsonObject definition)
            {
                throw new FormatException($"Mapping property `{Shown(name)}` must be an object.");
            }

            ReadDefinition(name, definition, fields);
        }
    }

    /// <summary>Adds the field <paramref name="name"/>, then its sub-fields under <c>properties</c> and its multi-fields under <c>fields</c>.</summary>
    private static void ReadDefinition(string name, JsonObject definition, List<MappedField> fields)
    {
        if (definition["type"] is JsonValue type && type.TryGetValue<string>(out var typeName) && typeName == AliasType)
        {
            fields.Add(ReadAlias(name, definition));
            return;
        }

        fields.Add(ReadField(name, definition, ReadFieldType(name, definition)));

        if (Children(definition, "properties", name) is { } properties)
        {
            ReadProperties(properties, name + ".", fields);
        }

        if (Children(definition, "fields", name) is { } multiFields)
        {
            foreach (var (key, node) in multiFields)
            {
                ReadMultiField(name, name + "." + key, node, fields);
            }
        }
    }

    /// <summary>
    /// Reads a multi-field such as <c>message.text</c>, which indexes the value of
    /// <paramref name="sourceName"/> again with another type.
    /// </summary>
    private static void ReadMultiField(string sourceName, string name, JsonNode? node, List<MappedField> fields)
    {
        if (node is not JsonObject definition)
        {
            throw new FormatException($"Mapping multi-field `{Shown(name)}` must be an object.");
        }

        // Elasticsearch 8 (TypeParsers.parseMultiField) requires a type in a multi-field and never
        // infers object. It rejects object and nested multi-fields, and chained multi-fields in
        // indices created since 8.0.
        if (Setting<string>(definition, "type", name) is not { } typeName)
        {
            throw new FormatException(
                $"Mapping multi-field `{Shown(name)}` ({Shown(definition.ToJsonString())}) has no \"type\"; give it one, such as \"type\": \"keyword\".");
        }

        // Elasticsearch rejects an alias multi-field as it rejects an object one, so it gets that error.
        var type = typeName == AliasType ? FieldType.Object : ParseTypeName(name, typeName);
        if (type is FieldType.Object or FieldType.Nested)
        {
            throw new FormatException(
                $"Mapping multi-field `{Shown(name)}` has type `{typeName}`, which Elasticsearch rejects in a multi-field; "
                + $"give it a field type such as keyword or text, or move it to the \"properties\" of `{Shown(sourceName)}`.");
        }

        if (definition["fields"] is not null)
        {
            throw new FormatException(
                $"Mapping multi-field `{Shown(name)}` has \"fields\" of its own, which Elasticsearch 8 rejects; "
                + $"move them to the \"fields\" of `{Shown(sourceName)}`.");
        }

        fields.Add(ReadField(name, definition, type) with { SourceField = sourceName });
        if (Children(definition, "properties", name) is { } properties)
        {
            ReadProperties(properties, name + ".", fields);
        }
    }

    /// <summary>
    /// Returns the type of a field that is not a multi-field. Like Elasticsearch 8
    /// (ObjectMapper.TypeParser), a field without <c>type</c> is an object when it has
    /// <c>properties</c> or when <c>enabled</c> is its only setting, and is rejected otherwise.
    /// </summary>
    private static FieldType ReadFieldType(string name, JsonObject definition)
    {
        if (Setting<string>(definition, "type", name) is { } typeName)
        {
            return ParseTypeName(name, typeName);
        }

        if (definition["properties"] is not null || (definition.Count == 1 && definition["enabled"] is not null))
        {
            return FieldType.Object;
        }

        throw new FormatException(
            $"Mapping field `{Shown(name)}` ({Shown(definition.ToJsonString())}) has no \"type\"; "
            + "give it one, such as \"type\": \"keyword\", or give it \"properties\" to make it an object.");
    }

    private static MappedField ReadField(string name, JsonObject definition, FieldType type) =>
        new(name, type)
        {
            IgnoreAbove = definition["ignore_above"] is null ? null : Setting<int>(definition, "ignore_above", name),
            ConstantValue = Setting<string>(definition, "value", name),
        };

    /// <summary>
    /// Returns the object under <paramref name="key"/> (<c>properties</c> or <c>fields</c>), or null
    /// when it is absent or, as Elasticsearch also accepts, an empty array.
    /// </summary>
    private static JsonObject? Children(JsonObject definition, string key, string name) =>
        definition[key] switch
        {
            null => null,
            JsonObject children => children,
            JsonArray { Count: 0 } => null,
            _ => throw new FormatException(
                $"Mapping setting `{key}` of `{Shown(name)}` must be an object of field names to definitions, not {Shown(definition[key]!.ToJsonString())}."),
        };

    private static T? Setting<T>(JsonObject definition, string key, string name) =>
        definition[key] switch
        {
            null => default,
            JsonValue value when value.TryGetValue<T>(out var setting) => setting,
            _ => throw new FormatException(
                $"Mapping setting `{Shown(key)}` of `{Shown(name)}` must be a {(typeof(T) == typeof(int) ? "whole number" : "string")}."),
        };
}
