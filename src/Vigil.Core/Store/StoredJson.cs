using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Store;

/// <summary>Parses the JSON objects the store keeps: mapped documents and alerts.</summary>
internal static class StoredJson
{
    /// <summary>Parses a stored JSON object.</summary>
    public static JsonObject ParseObject(string json) => JsonNode.Parse(json, documentOptions: JsonTokenCursor.MappedDocumentOptions)!.AsObject();
}
