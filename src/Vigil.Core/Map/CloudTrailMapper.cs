using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>
/// Maps a CloudTrail record to the ECS document that Elastic's AWS integration (CloudTrail data
/// stream, ingest pipeline of aws package 8.9.0) indexes for it, so that Elastic's detection rules
/// match the same records.
/// </summary>
/// <remarks>
/// Not produced: <c>event.ingested</c> and <c>event.created</c> (there is no ingest time), GeoIP
/// and ASN of <c>source.ip</c>, parsed user-agent parts, and the entity fields that need the
/// <c>actor_target_mapping</c> tag. A record without a valid <c>eventTime</c> has no
/// <c>@timestamp</c>, because Elastic would use the time the agent read it.
/// </remarks>
public static class CloudTrailMapper
{
    private const string EcsVersion = "8.11.0";

    private static readonly JsonSerializerOptions OriginalText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Action<MappingContext>[] Steps =
    [
        IdentityMapping.Apply,
        EventMapping.MapServiceAndAction,
        EventMapping.MapSource,
        PayloadMapping.Apply,
        EventMapping.MapRecordFields,
        ResourceMapping.Apply,
        EventMapping.MapAccountAndDelivery,
        RelatedMapping.MapRequestUsers,
        EventMapping.MapConsoleLogin,
        Categorization.Apply,
        DigestMapping.Apply,
        RelatedMapping.MapTargets,
        DigestMapping.MoveToFlattened,
        context => context.Rename("insightDetails", "aws.cloudtrail.flattened.insight_details"),
        TlsMapping.Apply,
        RelatedMapping.MapRelated,
        PayloadMapping.MoveFlattened,
    ];

    /// <summary>Maps <paramref name="record"/> with <see cref="MapOptions.Default"/>.</summary>
    public static MapResult Map(JsonObject record) => Map(record, MapOptions.Default);

    /// <summary>
    /// Maps <paramref name="record"/>, which is not modified. A record that cannot be mapped
    /// completely (for example an <c>eventTime</c> that is not a date) still gives a document, with
    /// <c>event.kind: pipeline_error</c> and <c>error.message</c>, as in Elastic.
    /// </summary>
    public static MapResult Map(JsonObject record, MapOptions options) => Map(record, options, originalText: null);

    /// <summary>
    /// Maps <paramref name="record"/> as <see cref="Map(JsonObject, MapOptions)"/> does. With
    /// <see cref="MapOptions.KeepOriginal"/>, <c>event.original</c> is <paramref name="originalText"/>,
    /// the record's text as read, or the record written as JSON when that is null.
    /// </summary>
    public static MapResult Map(JsonObject record, MapOptions options, string? originalText)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(options);

        // The timestamp is parsed before the pre-clean, as in Elastic; the pre-clean makes the
        // working copy, so the caller's record is never modified.
        var context = new MappingContext(EmptyValueCleaner.PreClean(record));
        EventMapping.MapTimestamp(context, EventTime(record));
        // NOTE: Elastic fails the document when a field has a type its processors cannot handle, for
        // example a userAgent that is an object. These steps map such values leniently instead.
        foreach (var step in Steps)
        {
            step(context);
        }

        var document = new EcsDocument(Finish(context, record, options, originalText));
        document.FillHotValues();
        var error = context.Errors.Count == 0 ? null : string.Join("; ", context.Errors);
        return new MapResult(document, error);
    }

    /// <summary>
    /// Returns the record's <c>eventTime</c> scalar, read from the parsed JSON when the record still has
    /// it, because indexing the record would build a node for each of its properties.
    /// </summary>
    internal static JsonNode? EventTime(JsonObject record)
    {
        if (!ParsedJson.TryGetElement(record, out var parsed))
        {
            return record["eventTime"];
        }

        return parsed.TryGetProperty("eventTime", out var value)
            && value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? JsonValue.Create(value)
            : null;
    }

    private static JsonObject Finish(MappingContext context, JsonObject record, MapOptions options, string? originalText)
    {
        context.Set("ecs.version", EcsVersion);
        if (options.KeepOriginal)
        {
            context.Set("event.original", originalText ?? record.ToJsonString(OriginalText));
        }

        if (context.Errors.Count > 0)
        {
            context.Set("error.message", new JsonArray(context.Errors.Select(e => (JsonNode?)e).ToArray()));
        }

        var document = context.Document;
        EmptyValueCleaner.FinalClean(document);
        if (context.Errors.Count > 0)
        {
            JsonPaths.Set(document, "event.kind", "pipeline_error");
            JsonPaths.Set(document, "tags", new JsonArray("preserve_original_event"));
        }

        AddDataStreamFields(document);
        return document;
    }

    /// <summary>Adds the constant fields the data stream's mapping gives every document.</summary>
    private static void AddDataStreamFields(JsonObject document)
    {
        JsonPaths.Set(document, "event.dataset", "aws.cloudtrail");
        JsonPaths.Set(document, "event.module", "aws");
        JsonPaths.Set(document, "data_stream.type", "logs");
        JsonPaths.Set(document, "data_stream.dataset", "aws.cloudtrail");
        JsonPaths.Set(document, "data_stream.namespace", "default");
    }
}
