using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>Parses the JSON objects the store keeps: mapped documents and alerts.</summary>
internal static class StoredJson
{
    // A record may nest as deep as the reader allows, and mapping and alerts add a few levels
    // (aws.cloudtrail.flattened.*). The parser's default of 64 made one deep record hide every
    // alert from `alerts list`.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 2 * JsonTokenCursor.MaxDepth };

    /// <summary>Parses a stored JSON object.</summary>
    public static JsonObject ParseObject(string json) => JsonNode.Parse(json, documentOptions: Options)!.AsObject();
}
