using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Map;

namespace Vigil.Cli;

/// <summary>
/// Writes ECS documents one per line (NDJSON), or as an Elasticsearch <c>_bulk</c> request body
/// where each document follows a <c>create</c> action line.
/// </summary>
/// <remarks>
/// The action is <c>create</c> because the default target is a data stream, which accepts no other
/// action. The body ends with a newline, as the <c>_bulk</c> API requires.
/// </remarks>
internal sealed class ConvertDocumentWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;
    private readonly byte[]? _action;

    public ConvertDocumentWriter(Stream stream, string? bulkIndex)
    {
        _stream = new BufferedStream(stream, 1 << 16);
        _writer = new Utf8JsonWriter(_stream, WriterOptions);
        _action = bulkIndex is null ? null : CreateAction(bulkIndex);
    }

    public void Write(EcsDocument document)
    {
        if (_action is not null)
        {
            _stream.Write(_action);
        }

        document.Root.WriteTo(_writer);
        _writer.Flush();
        _writer.Reset();
        _stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    private static byte[] CreateAction(string index)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("create");
            writer.WriteString("_index", index);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
