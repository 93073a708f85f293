using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// A test of a parsed raw record, before mapping, that a rule's query demands: the raw value behind
/// an ECS field that only copies it (<see cref="VerbatimFields.SingleSources"/>, or a key of a
/// payload's flattened copy) must be a value the query allows, or the rule cannot match and the
/// record need not be mapped for it.
/// </summary>
/// <param name="Path">The raw record path, dot-separated.</param>
/// <param name="Filter">The values the ECS field may hold; it rejects the empty string, which the mapper drops.</param>
/// <param name="AnyParentMayMatch">
/// True when a parent on the path that is not an object leaves the rule possible, so only a missing
/// or null value rules the record out (a payload that is a string rather than an object).
/// </param>
internal sealed record RawFieldCheck(string Path, KqlValueFilter Filter, bool AnyParentMayMatch = false)
{
    private readonly string[] _segments = Path.Split('.');

    /// <summary>
    /// Returns <c>false</c> when the record rules the value out: the path is missing or null, or its
    /// value is a string the query does not allow. Any other JSON value may still match after mapping.
    /// </summary>
    /// <remarks>
    /// A record fresh from the parser is read through its parsed JSON, because reading its nodes
    /// would build them and leave the mapper's copy the slower path (see <see cref="ParsedJson"/>).
    /// </remarks>
    public bool MayMatch(JsonObject record) => ParsedJson.TryGetElement(record, out var parsed)
        ? MayMatch(parsed)
        : MayMatchNodes(record);

    private bool MayMatchNodes(JsonObject record)
    {
        JsonNode? value = record;
        foreach (var segment in _segments)
        {
            if (value is not JsonObject parent)
            {
                return AnyParentMayMatch && value is not null;
            }

            if (!parent.TryGetPropertyValue(segment, out value))
            {
                return false;
            }
        }

        return value switch
        {
            null => false,
            JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => Filter.MayHold(scalar.GetValue<string>()),
            _ => true,
        };
    }

    private bool MayMatch(JsonElement record)
    {
        var value = record;
        foreach (var segment in _segments)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                return AnyParentMayMatch && value.ValueKind != JsonValueKind.Null;
            }

            if (!value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => false,
            JsonValueKind.String => Filter.MayHold(value.GetString()!),
            _ => true,
        };
    }
}
