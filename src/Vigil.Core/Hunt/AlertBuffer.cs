using System.Buffers;
using System.Text.Json;
using Vigil.Alert;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// The alerts of one event as JSON text, in one buffer that the next event writes over, so that
/// an alert costs its bytes and no node tree.
/// </summary>
internal sealed class AlertBuffer(DateTimeOffset executionTime)
{
    // An alert as large as a huge record should not keep its buffer for the rest of the hunt.
    private const int KeptCapacity = 1 << 20;

    private ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly List<Written> _written = [];

    /// <summary>
    /// Writes the alert of each rule <paramref name="document"/> matched. A fault on a hostile
    /// record writes none of them, and <paramref name="failure"/> gives the reason.
    /// </summary>
    public IReadOnlyList<Written> TryWrite(List<PreparedRule> rules, EcsDocument document, out string? failure)
    {
        failure = null;
        _written.Clear();
        if (_buffer.Capacity > KeptCapacity)
        {
            _buffer = new ArrayBufferWriter<byte>(16 * 1024);
        }

        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        try
        {
            foreach (var rule in rules)
            {
                var start = _buffer.WrittenCount;
                writer.Reset(_buffer);
                var uuid = AlertWriter.Write(writer, rule.Rule, document, executionTime);
                writer.Flush();
                _written.Add(new Written(rule, uuid, start, _buffer.WrittenCount - start));
            }
        }
        catch (Exception ex) when (HuntPass.IsRecoverable(ex))
        {
            failure = ex.Message;
            _written.Clear();
        }

        return _written;
    }

    /// <summary>Returns an alert's text, valid until the next call of <see cref="TryWrite"/>.</summary>
    public ReadOnlySpan<byte> Text(Written alert) => _buffer.WrittenSpan.Slice(alert.Start, alert.Length);

    /// <summary>One alert in the buffer: its rule, its <c>kibana.alert.uuid</c> and where its text is.</summary>
    public readonly record struct Written(PreparedRule Rule, string Uuid, int Start, int Length);
}
