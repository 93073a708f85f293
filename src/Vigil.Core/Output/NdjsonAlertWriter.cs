using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Hunt;

namespace Vigil.Output;

/// <summary>Writes each alert as one line of JSON (NDJSON), ready for <c>jq</c> or an Elasticsearch bulk load.</summary>
/// <remarks>
/// The default encoder escapes control characters and HTML-sensitive characters (<c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c>, quotes) as <c>\uXXXX</c>, so attacker-controlled CloudTrail values can
/// neither break the line structure nor inject markup into a page that embeds the output.
/// </remarks>
public sealed class NdjsonAlertWriter : IAlertSink, IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Utf8JsonWriter _writer;

    public NdjsonAlertWriter(Stream stream, bool ownsStream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        _stream = stream;
        _ownsStream = ownsStream;
        _writer = new Utf8JsonWriter(stream, WriterOptions);
    }

    /// <exception cref="AlertOutputException">The stream failed; nothing more can be written after it.</exception>
    public void Write(DetectionRule rule, JsonObject alert)
    {
        ArgumentNullException.ThrowIfNull(alert);

        try
        {
            alert.WriteTo(_writer);
            _writer.Flush();
            _writer.Reset();
            _stream.WriteByte((byte)'\n');
        }
        catch (IOException exception)
        {
            throw new AlertOutputException(exception.Message, exception);
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Flush();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
