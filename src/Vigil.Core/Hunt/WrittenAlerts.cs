using System.Buffers;
using System.Text.Json;
using Vigil.Alert;
using Vigil.Map;
using Vigil.Read;

namespace Vigil.Hunt;

/// <summary>
/// The alerts of one event as JSON text, written by the worker that mapped the event while its
/// node tree is at hand, and kept until the hunt counts the event.
/// </summary>
/// <remarks>
/// Every alert of an event starts with the same copy of the event, so it is kept once: the first
/// alert whole, and of the others only what follows the copy. Memory then grows with the event's
/// size plus the rules' fields, not with the event's size times the rules that matched it.
/// </remarks>
internal sealed class WrittenAlerts
{
    // The text is either an array of its own or a range of a batch's buffer.
    private readonly byte[]? _text;
    private readonly AlertTextBuffer? _buffer;
    private readonly int _offset;
    private readonly int _length;
    private readonly int _eventLength;

    private WrittenAlerts(byte[]? text, AlertTextBuffer? buffer, int offset, int length, int eventLength, Alert[] alerts)
    {
        _text = text;
        _buffer = buffer;
        _offset = offset;
        _length = length;
        _eventLength = eventLength;
        Alerts = alerts;
    }

    public Alert[] Alerts { get; }

    /// <summary>Writes the alert of each rule <paramref name="document"/> matched.</summary>
    /// <param name="rules">The rules, in rule order.</param>
    /// <param name="document">The event.</param>
    /// <param name="executionTime">When the rules ran.</param>
    /// <param name="scratch">The buffers of the calling thread.</param>
    /// <param name="keep">
    /// The buffer that keeps the text until it is read, or null to keep it in an array of its own.
    /// </param>
    public static WrittenAlerts Write(List<PreparedRule> rules, EcsDocument document, DateTimeOffset executionTime, Scratch scratch, AlertTextBuffer? keep = null)
    {
        var kept = scratch.Kept();
        var next = scratch.Next();
        var alerts = new Alert[rules.Count];
        var firstEventLength = 0;
        using var writer = new Utf8JsonWriter(kept, EcsDocument.WriterOptions);
        for (var i = 0; i < rules.Count; i++)
        {
            var target = i == 0 ? kept : next;
            next.ResetWrittenCount();
            writer.Reset(target);
            if (i == 0)
            {
                var first = AlertWriter.Write(writer, rules[0].Rule, document, executionTime, out firstEventLength, out var firstSeverity);
                writer.Flush();
                alerts[0] = new Alert(rules[0], first, firstSeverity, 0, kept.WrittenCount, SharesEvent: false);
                continue;
            }

            var sharesEvent = firstEventLength > 0;
            var ownStart = 0;
            string severity;
            var uuid = sharesEvent
                ? AlertWriter.WriteAfterEvent(writer, rules[i].Rule, document, executionTime, out ownStart, out severity)
                : AlertWriter.Write(writer, rules[i].Rule, document, executionTime, out _, out severity);
            writer.Flush();
            var own = next.WrittenSpan[ownStart..];
            alerts[i] = new Alert(rules[i], uuid, severity, kept.WrittenCount, own.Length, sharesEvent);
            kept.Write(own);
        }

        var text = kept.WrittenSpan;
        return keep is null
            ? new WrittenAlerts(text.ToArray(), null, 0, text.Length, firstEventLength, alerts)
            : new WrittenAlerts(null, keep, keep.Append(text), text.Length, firstEventLength, alerts);
    }

    /// <summary>
    /// Returns one alert's text, put together in <paramref name="scratch"/> when it shares the
    /// event's copy with the first alert, and then valid until the next call with the same scratch.
    /// </summary>
    public ReadOnlySpan<byte> Text(Alert alert, Scratch scratch)
    {
        ReadOnlySpan<byte> all = _buffer is null ? _text : _buffer.Slice(_offset, _length);
        var own = all.Slice(alert.Start, alert.Length);
        if (!alert.SharesEvent)
        {
            return own;
        }

        var assembly = scratch.Assembly();
        assembly.Write(all[.._eventLength]);
        assembly.Write(own);
        return assembly.WrittenSpan;
    }

    /// <summary>One alert: its rule, its <c>kibana.alert.uuid</c> and <c>kibana.alert.severity</c>, and where its own text is.</summary>
    public readonly record struct Alert(PreparedRule Rule, string Uuid, string Severity, int Start, int Length, bool SharesEvent);

    /// <summary>
    /// The buffers one thread writes alerts through: the text that is kept, the further alerts of
    /// an event while they are written, and an alert put back together for a sink.
    /// </summary>
    public sealed class Scratch
    {
        private ArrayBufferWriter<byte>? _kept;
        private ArrayBufferWriter<byte>? _next;
        private ArrayBufferWriter<byte>? _assembly;

        public ArrayBufferWriter<byte> Kept() => ReusableBuffer.Reset(ref _kept);

        public ArrayBufferWriter<byte> Next() => ReusableBuffer.Reset(ref _next);

        public ArrayBufferWriter<byte> Assembly() => ReusableBuffer.Reset(ref _assembly);
    }
}
