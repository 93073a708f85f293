using Vigil.Detect.Rules;
using Vigil.Hunt;

namespace Vigil.Output;

/// <summary>Writes each alert as one line of JSON (NDJSON), ready for <c>jq</c> or an Elasticsearch bulk load.</summary>
/// <remarks>
/// The hunt writes alerts with the default encoder, which escapes control characters and
/// HTML-sensitive characters (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes) as <c>\uXXXX</c>, so
/// attacker-controlled CloudTrail values can neither break the line structure nor inject markup
/// into a page that embeds the output. This writer adds only the line breaks.
/// </remarks>
public sealed class NdjsonAlertWriter : IAlertSink, IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private byte[] _line = new byte[16 * 1024];

    public NdjsonAlertWriter(Stream stream, bool ownsStream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        _stream = stream;
        _ownsStream = ownsStream;
    }

    /// <exception cref="AlertOutputException">The stream failed; nothing more can be written after it.</exception>
    public void Write(DetectionRule rule, ReadOnlySpan<byte> alert)
    {
        // One write per line: standard output is not buffered, and a reader of the stream should
        // never see half a line.
        if (_line.Length <= alert.Length)
        {
            _line = new byte[alert.Length + 1];
        }

        alert.CopyTo(_line);
        _line[alert.Length] = (byte)'\n';
        try
        {
            _stream.Write(_line, 0, alert.Length + 1);
        }
        catch (IOException exception)
        {
            throw new AlertOutputException(exception.Message, exception);
        }
    }

    public void Dispose()
    {
        _stream.Flush();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
