using System.Buffers;
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
/// action. Every document ends with a newline, as the <c>_bulk</c> API requires. Lines wait in a
/// block that goes to the stream in one write once it reaches <see cref="BlockSize"/>, so each write
/// holds only whole lines: a conversion stopped part-way, or two appending to one file, leave no
/// line cut or joined to another.
/// </remarks>
internal sealed class ConvertDocumentWriter : IDisposable
{
    /// <summary>The bytes of whole lines that wait before one write, unless one line is longer.</summary>
    public const int BlockSize = 64 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _block = new(BlockSize);
    private readonly Utf8JsonWriter _writer;
    private readonly byte[]? _action;

    public ConvertDocumentWriter(Stream stream, string? bulkIndex)
    {
        _stream = stream;
        _writer = new Utf8JsonWriter(_block, WriterOptions);
        _action = bulkIndex is null ? null : CreateAction(bulkIndex);
    }

    public void Write(EcsDocument document)
    {
        if (_action is not null)
        {
            _block.Write(_action);
        }

        document.Root.WriteTo(_writer);
        _writer.Flush();
        _writer.Reset();
        _block.Write("\n"u8);

        if (_block.WrittenCount >= BlockSize)
        {
            WriteBlock();
        }
    }

    /// <summary>Writes out the waiting lines and closes the stream.</summary>
    public void Dispose()
    {
        try
        {
            WriteBlock();
        }
        finally
        {
            _writer.Dispose();
            _stream.Dispose();
        }
    }

    private void WriteBlock()
    {
        if (_block.WrittenCount == 0)
        {
            return;
        }

        _stream.Write(_block.WrittenSpan);
        _block.ResetWrittenCount();
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
