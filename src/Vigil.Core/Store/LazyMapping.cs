using System.Text;
using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>
/// Maps a raw CloudTrail record that ingest stored unmapped, when its event is read. The result is
/// the document ingest would have stored: the mapper's document with <c>event.ingested</c> set.
/// </summary>
internal static class LazyMapping
{
    /// <summary>
    /// Maps <paramref name="json"/>. A mapping error gives the mapper's <c>pipeline_error</c>
    /// document, as at ingest. A record the mapper cannot handle at all gives a <c>pipeline_error</c>
    /// document with the raw record in <c>event.original</c>, so reading never fails on one event.
    /// </summary>
    public static EcsDocument Map(byte[] json, DateTimeOffset? ingested)
    {
        var document = TryMap(json, out var error) ?? FailedDocument(json, error);
        if (ingested is { } time)
        {
            EventRow.SetIngested(document.Root, time);
        }

        return document;
    }

    private static EcsDocument? TryMap(byte[] json, out string error)
    {
        error = "the stored record is not a JSON object";
        try
        {
            return RecordParser.TryParse(json, out var record, out var parseError)
                ? CloudTrailMapper.Map(record!).Document
                : Failed(parseError, out error);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            error = $"record could not be mapped: {exception.Message}";
            return null;
        }
    }

    private static EcsDocument? Failed(string? parseError, out string error)
    {
        error = parseError ?? "the stored record could not be parsed";
        return null;
    }

    private static EcsDocument FailedDocument(byte[] json, string error) => new(new JsonObject
    {
        ["event"] = new JsonObject { ["kind"] = "pipeline_error", ["original"] = Encoding.UTF8.GetString(json) },
        ["error"] = new JsonObject { ["message"] = new JsonArray(error) },
        ["tags"] = new JsonArray("preserve_original_event"),
    });
}
