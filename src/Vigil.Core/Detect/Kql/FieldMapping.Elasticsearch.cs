using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Detect.Kql;

/// <summary>Reading a <see cref="FieldMapping"/> from JSON.</summary>
public sealed partial class FieldMapping
{
    // Room for the field names and types of real mappings (an estimate), and short enough for one
    // line of an error.
    private const int ShownLength = 120;

    /// <summary>
    /// Reads a mapping from either an Elasticsearch mapping (<c>{"properties": …}</c>, optionally under
    /// <c>"mappings"</c>; multi-fields under <c>"fields"</c> are included), the response of
    /// <c>GET index/_mapping</c> (<c>{"index": {"mappings": …}}</c>, with the fields of every index it
    /// lists), or a flat object of dotted field
    /// names to a type name, where the type may carry a limit: <c>{"f": "keyword(ignore_above=8191)"}</c>
    /// or <c>{"f": {"type": "keyword", "ignore_above": 8191}}</c>. The type <c>string</c> is a Kibana string
    /// field whose Elasticsearch type is unknown. Unlisted fields evaluate as keywords, and query DSL sends them
    /// untyped (see <see cref="UnlistedFieldsAreMapped"/>). A field object in either form is read with the
    /// <c>properties</c> and <c>fields</c> below it. It needs a <c>type</c> unless <c>properties</c>, or
    /// <c>enabled</c> as its only setting, make it an object. An <c>alias</c> takes the type and values
    /// of the field its <c>path</c> names.
    /// </summary>
    /// <exception cref="FormatException">
    /// A type name is unknown or missing, an alias names no field, two indices give a field different
    /// types, or an entry is malformed. The message names the field.
    /// </exception>
    public static FieldMapping FromElasticsearchMapping(JsonNode mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);

        if (mapping is not JsonObject top)
        {
            throw new FormatException(
                $"The mapping is a JSON {mapping.GetValueKind().ToString().ToLowerInvariant()}; give an object of field names to types, e.g. {{\"message\": \"text\"}}.");
        }

        var fields = IsGetMappingResponse(top) ? ReadIndices(top) : ReadMapping(top);
        return new FieldMapping(fields);
    }

    /// <summary>Reads one mapping, with or without <c>"mappings"</c> around it, and resolves its aliases.</summary>
    private static List<MappedField> ReadMapping(JsonObject top)
    {
        var root = top["mappings"] ?? top;
        var fields = new List<MappedField>();
        if (root is not JsonObject rootObject)
        {
            throw new FormatException("The mapping's \"mappings\" must be an object holding \"properties\".");
        }

        if (rootObject["properties"] is JsonObject properties)
        {
            ReadProperties(properties, "", fields);
        }
        else
        {
            ReadFlat(rootObject, fields);
        }

        return ResolveAliases(fields);
    }

    private static void ReadFlat(JsonObject flat, List<MappedField> fields)
    {
        foreach (var (name, definition) in flat)
        {
            switch (definition)
            {
                case JsonValue text when text.TryGetValue<string>(out var typeText):
                    fields.Add(ParseTypeText(name, typeText));
                    break;
                case JsonObject fieldDefinition:
                    ReadDefinition(name, fieldDefinition, fields);
                    break;
                default:
                    throw new FormatException($"Mapping entry `{Shown(name)}` must be a type name or an object with \"type\".");
            }
        }
    }

    /// <summary>Reads <c>type</c> or <c>type(ignore_above=N)</c>.</summary>
    private static MappedField ParseTypeText(string name, string text)
    {
        if (text == AliasType)
        {
            throw new FormatException(
                $"Mapping alias `{Shown(name)}` has no path; write it as {{\"type\": \"alias\", \"path\": \"source.ip\"}} with the full name of the field it stands for.");
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return new MappedField(name, ParseTypeName(name, text));
        }

        const string Limit = "ignore_above=";
        var argument = text[(open + 1)..].TrimEnd(')');
        if (!argument.StartsWith(Limit, StringComparison.Ordinal)
            || !int.TryParse(argument.AsSpan(Limit.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            throw new FormatException($"Mapping type `{Shown(text)}` of `{Shown(name)}` is malformed; expected `type(ignore_above=N)`.");
        }

        return new MappedField(name, ParseTypeName(name, text[..open])) { IgnoreAbove = limit };
    }

    /// <summary>
    /// Returns a name or type from the mapping file for an error message, cut to
    /// <see cref="ShownLength"/> characters, because the file may contain a value of many megabytes.
    /// </summary>
    private static string Shown(string text)
    {
        if (text.Length <= ShownLength)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[ShownLength - 1]) ? ShownLength - 1 : ShownLength;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
