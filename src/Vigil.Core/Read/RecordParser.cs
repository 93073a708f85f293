using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Read;

/// <summary>
/// Parses the bytes of one JSON object into a record, and recognises objects that are not events.
/// </summary>
internal static class RecordParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = JsonTokenCursor.MaxDepth,

        // Elasticsearch rejects JSON with a repeated key (strict duplicate detection), so the
        // record never becomes an event there either.
        AllowDuplicateProperties = false,
    };

    private static readonly string[] DigestMarkers = ["digestStartTime", "digestEndTime", "digestS3Object", "logFiles"];

    /// <summary>Parses <paramref name="json"/> as one JSON object.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out JsonObject? record, out string? error)
    {
        try
        {
            record = JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject;
            error = record is null ? "the value is not a JSON object, so it is not a CloudTrail record" : null;
            return record is not null;
        }
        catch (JsonException exception)
        {
            record = null;
            error = $"the record is not valid JSON for an event: {JsonErrors.Describe(exception)}";
            return false;
        }
    }

    /// <summary>Parses <paramref name="json"/> as any JSON value, returning <c>false</c> when it is not valid JSON.</summary>
    public static bool TryParseNode(ReadOnlySpan<byte> json, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    /// <summary>Returns why <paramref name="record"/> is skipped, or <c>null</c> when it is an event.</summary>
    public static string? SkipReason(JsonObject record)
    {
        if (record.Count == 0)
        {
            return "empty JSON object, not an event";
        }

        if (!record.ContainsKey("eventTime") && !record.ContainsKey("eventName") && DigestMarkers.Any(record.ContainsKey))
        {
            return "CloudTrail digest file (log file integrity validation), not an event";
        }

        return null;
    }
}
