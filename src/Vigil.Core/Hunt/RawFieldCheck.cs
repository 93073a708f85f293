using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// A test of a parsed raw record, before mapping, that a rule's query demands: the raw value behind
/// an ECS field that only copies it (<see cref="VerbatimFields.SingleSources"/>) must be one of the
/// values the query requires, or the rule cannot match and the record need not be mapped for it.
/// </summary>
/// <param name="Path">The raw record path, dot-separated.</param>
/// <param name="Values">The values one of which the ECS field must hold; none is empty.</param>
internal sealed record RawFieldCheck(string Path, IReadOnlySet<string> Values)
{
    private readonly string[] _segments = Path.Split('.');

    /// <summary>
    /// Returns <c>false</c> when the record rules the value out: the path is missing or null, or its
    /// value is a string the query does not accept. Any other JSON value may still match after mapping.
    /// </summary>
    /// <remarks>
    /// A record fresh from the parser is read through its parsed JSON, because reading its nodes
    /// would build them and leave the mapper's copy the slower path (see <see cref="ParsedJson"/>).
    /// </remarks>
    public bool MayMatch(JsonObject record) => ParsedJson.TryGetElement(record, out var parsed)
        ? MayMatch(parsed)
        : JsonPaths.Get(record, Path) switch
        {
            null => false,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => Values.Contains(value.GetValue<string>()),
            _ => true,
        };

    private bool MayMatch(JsonElement record)
    {
        var value = record;
        foreach (var segment in _segments)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => false,
            JsonValueKind.String => Values.Contains(value.GetString()!),
            _ => true,
        };
    }
}
