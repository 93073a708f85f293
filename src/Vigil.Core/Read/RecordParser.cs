using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

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

    // A record the scanner accepted has no repeated key, so the parser need not look again. In a
    // perf profile of a native hunt of generated AssumeRole records, that check was a third of the parse.
    private static readonly JsonDocumentOptions ScannedOptions = DocumentOptions with { AllowDuplicateProperties = true };

    private static readonly string[] DigestMarkers = ["digestStartTime", "digestEndTime", "digestS3Object", "logFiles"];

    /// <summary>Parses <paramref name="json"/> as one JSON object.</summary>
    /// <remarks>
    /// Invalid UTF-8 makes the record an error, because Elasticsearch (Jackson) rejects such JSON.
    /// A lone surrogate escape becomes U+FFFD, as <see cref="LoneSurrogates"/> explains.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> json, out JsonObject? record, out string? error)
    {
        record = null;
        if (!Utf8.IsValid(json))
        {
            error = InvalidUtf8(json);
            return false;
        }

        if (!RecordLimits.TryCheckValues(json, out var values))
        {
            error = RecordLimits.TooManyValues(values);
            return false;
        }

        var sanitized = LoneSurrogates.Replace(json);
        try
        {
            record = JsonNode.Parse(sanitized ?? json, documentOptions: DocumentOptions) as JsonObject;
            error = record is null ? "the value is not a JSON object, so it is not a CloudTrail record" : null;
            return record is not null;
        }
        catch (JsonException exception)
        {
            error = $"the record is not valid JSON for an event: {JsonErrors.Describe(exception)}";
            return false;
        }
    }

    /// <summary>
    /// Parses a record that <see cref="RecordScanner.TryScan"/> accepted, skipping the checks the scan
    /// has made: valid UTF-8, the value limit and repeated keys. Returns <c>false</c> when it does not parse.
    /// </summary>
    public static bool TryParseScanned(ReadOnlySpan<byte> json, out JsonObject? record)
    {
        try
        {
            record = JsonNode.Parse(LoneSurrogates.Replace(json) ?? json, documentOptions: ScannedOptions) as JsonObject;
        }
        catch (JsonException)
        {
            record = null;
        }

        return record is not null;
    }

    private static string InvalidUtf8(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(json[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return $"invalid UTF-8 at offset {offset} of the record (byte 0x{json[offset]:X2}); Elasticsearch rejects such a record, so re-encode the file as UTF-8";
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
