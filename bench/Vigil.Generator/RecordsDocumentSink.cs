using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace Vigil.Generator;

/// <summary>Writes every record into one <c>{"Records":[...]}</c> document, optionally gzip-compressed.</summary>
/// <remarks>
/// The JSON writer fills a buffer that is copied to the stream in blocks, because flushing a writer
/// bound to a stream also flushes a <see cref="GZipStream"/>, which ends a deflate block each time.
/// </remarks>
internal sealed class RecordsDocumentSink : IRecordSink
{
    private const int BlockSize = 1 << 16;

    private readonly Stream _output;
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * BlockSize);
    private readonly Utf8JsonWriter _writer;

    public RecordsDocumentSink(Stream output, bool compress)
    {
        _output = output;
        _stream = compress ? new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true) : output;
        _writer = new Utf8JsonWriter(_buffer, RecordJson.WriterOptions);
        _writer.WriteStartObject();
        _writer.WriteStartArray(RecordJson.RecordsProperty);
    }

    public long BytesWritten => _writer.BytesCommitted + _writer.BytesPending;

    public int Files => 1;

    public void Write(DrawnRecord record)
    {
        RecordJson.Write(_writer, record);
        if (_writer.BytesPending + _buffer.WrittenCount > BlockSize)
        {
            CopyBlock();
        }
    }

    public void Complete()
    {
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        CopyBlock();
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (!ReferenceEquals(_stream, _output))
        {
            _stream.Dispose();
        }
    }

    private void CopyBlock()
    {
        _writer.Flush();
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }
}
