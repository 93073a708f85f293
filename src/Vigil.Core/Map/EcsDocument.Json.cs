using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Map;

/// <summary>The document as JSON text, for alerts: their source id hashes it and they copy the event from it.</summary>
public sealed partial class EcsDocument
{
    private byte[]? _json;
    private JsonElement? _element;
    private DocumentMember[]? _members;
    private string? _sha256;

    /// <summary>
    /// Returns <see cref="Root"/> as compact UTF-8 JSON, the bytes <see cref="JsonNode.ToJsonString"/>
    /// gives. It is written once, so the document must be complete by the first call.
    /// </summary>
    internal byte[] Utf8Json()
    {
        if (_json is null)
        {
            Serialise();
        }

        return _json!;
    }

    /// <summary>
    /// Returns the SHA-256 hex of <see cref="Utf8Json"/>, hashed once: an event that several rules
    /// match gives each alert the same source id.
    /// </summary>
    internal string Sha256Hex() => _sha256 ??= Convert.ToHexStringLower(SHA256.HashData(Utf8Json()));

    /// <summary>The top-level members and where their values lie in <see cref="Utf8Json"/>, for alerts to copy.</summary>
    internal DocumentMember[] Members
    {
        get
        {
            if (_members is null)
            {
                Serialise();
            }

            return _members!;
        }
    }

    // Written member by member as JsonObject.WriteTo writes the root, to note where each value lies.
    private void Serialise()
    {
        var buffer = ReusableBuffer.Reset(ref t_scratch);
        var members = new DocumentMember[Root.Count];
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            var index = 0;
            foreach (var (key, value) in Root)
            {
                writer.WritePropertyName(key);
                var start = Position(writer);
                var children = key == "event" && value is JsonObject eventObject ? WriteMembers(writer, eventObject) : null;
                if (children is null)
                {
                    WriteValue(writer, value);
                }

                members[index++] = new DocumentMember(key, start, Position(writer) - start, children);
            }

            writer.WriteEndObject();
        }

        _json = buffer.WrittenSpan.ToArray();
        _members = members;
    }

    private static DocumentMember[] WriteMembers(Utf8JsonWriter writer, JsonObject obj)
    {
        var members = new DocumentMember[obj.Count];
        var index = 0;
        writer.WriteStartObject();
        foreach (var (key, value) in obj)
        {
            writer.WritePropertyName(key);
            var start = Position(writer);
            WriteValue(writer, value);
            members[index++] = new DocumentMember(key, start, Position(writer) - start);
        }

        writer.WriteEndObject();
        return members;
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonNode? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    // A node tree always writes well-formed JSON, so the writer need not check the structure.
    internal static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    // Each thread writes its documents through one buffer, so a document costs only its own bytes.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    private static int Position(Utf8JsonWriter writer) => checked((int)(writer.BytesCommitted + writer.BytesPending));

    /// <summary>
    /// Returns <see cref="Utf8Json"/> parsed, once. Objects made with <see cref="JsonObject.Create"/>
    /// over it build their nodes only when read, and many can share it.
    /// </summary>
    internal JsonElement JsonRoot() => _element ??= JsonDocument.Parse(Utf8Json(), JsonTokenCursor.MappedDocumentOptions).RootElement;

    /// <summary>
    /// Returns the same document kept as JSON: its root builds nodes only where it is read. A hunt
    /// keeps a document that many rules matched until it writes the document's alerts in file order,
    /// and a few arrays survive the collector's generations more cheaply than a tree of nodes.
    /// </summary>
    internal EcsDocument Compact() => new(JsonObject.Create(JsonRoot())!, DataStream) { _json = Utf8Json(), _members = Members, _element = JsonRoot(), _sha256 = _sha256 };
}
