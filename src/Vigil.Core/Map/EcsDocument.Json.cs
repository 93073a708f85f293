using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Map;

/// <summary>The document as JSON text, for alerts: their source id hashes it and they copy the event from it.</summary>
public sealed partial class EcsDocument
{
    private byte[]? _json;
    private JsonElement? _element;

    /// <summary>
    /// Returns <see cref="Root"/> as compact UTF-8 JSON, the bytes <see cref="JsonNode.ToJsonString"/>
    /// gives. It is written once, so the document must be complete by the first call.
    /// </summary>
    internal byte[] Utf8Json()
    {
        if (_json is null)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Root.WriteTo(writer);
            }

            _json = buffer.WrittenSpan.ToArray();
        }

        return _json;
    }

    /// <summary>
    /// Returns <see cref="Utf8Json"/> parsed, once. Objects made with <see cref="JsonObject.Create"/>
    /// over it build their nodes only when read, and many can share it.
    /// </summary>
    internal JsonElement JsonRoot() => _element ??= JsonDocument.Parse(Utf8Json(), JsonTokenCursor.MappedDocumentOptions).RootElement;

    /// <summary>
    /// Returns the same document kept as JSON: its root builds nodes only where it is read. A hunt
    /// keeps each matched document until it writes the document's alerts in file order, and a few
    /// arrays survive the collector's generations more cheaply than a tree of nodes.
    /// </summary>
    internal EcsDocument Compact() => new(JsonObject.Create(JsonRoot())!, DataStream) { _json = Utf8Json(), _element = JsonRoot() };
}
