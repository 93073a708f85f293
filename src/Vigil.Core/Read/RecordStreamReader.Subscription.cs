using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// Streaming of a CloudWatch Logs subscription payload's <c>logEvents</c> array by
/// <see cref="RecordStreamReader"/>, so that memory is bounded by the largest log event rather
/// than by the payload, and the records before a fault in it are kept.
/// </summary>
/// <remarks>
/// The array is streamed only when the keys before it decide the object as
/// <see cref="RecordEnvelopes.Expand"/> would decide it whole: a string <c>messageType</c> other
/// than <c>CONTROL_MESSAGE</c>, and no record key nor <c>detail-type</c>. The decoded payload
/// example of Powertools for AWS Lambda (TypeScript 2.16, <c>CloudWatchLogsEvent</c>) puts
/// <c>messageType</c> before <c>logEvents</c>. When it comes after, the object is held whole
/// (up to <see cref="ByteWindow.DefaultMaxSize"/>) and unwrapped by <see cref="RecordEnvelopes"/>.
/// A <c>messageType</c> given twice before the array leaves the object whole too, so that it is
/// rejected as before. Keys after the array are not read, as for a delivery object's
/// <c>Records</c>, so a repeated key there is not reported although the whole-object parser
/// rejects one.
/// </remarks>
internal sealed partial class RecordStreamReader
{
    private MessageType _messageType;
    private bool _hasOtherKey;

    private enum MessageType : byte
    {
        Absent,
        Data,
        Control,
        NotString,
        Repeated,
    }

    private void BeginSubscriptionKeys()
    {
        _messageType = MessageType.Absent;
        _hasOtherKey = false;
    }

    /// <summary>
    /// Notes the top-level property <paramref name="name"/> with the first token of its value, and
    /// returns whether that value starts the <c>logEvents</c> array of a subscription payload.
    /// </summary>
    private bool StartsLogEvents(JsonToken name, JsonToken value)
    {
        switch (name.SubscriptionKey)
        {
            case SubscriptionKey.MessageType:
                // A repeated key leaves the object to the whole-object parser, which rejects it.
                _messageType = _messageType != MessageType.Absent ? MessageType.Repeated
                    : value.Type != JsonTokenType.String ? MessageType.NotString
                    : IsControlMessage(value) ? MessageType.Control
                    : MessageType.Data;
                return false;
            case SubscriptionKey.Other or SubscriptionKey.Record:
                _hasOtherKey = true;
                return false;
            case SubscriptionKey.LogEvents:
                return value.Type == JsonTokenType.StartArray && _messageType == MessageType.Data && !_hasOtherKey;
            default:
                return false;
        }
    }

    /// <summary>Whether the string token <paramref name="value"/>, still buffered, is <c>CONTROL_MESSAGE</c>.</summary>
    private bool IsControlMessage(JsonToken value)
    {
        var reader = new Utf8JsonReader(_window.Slice(value.Start, _window.Position));
        return reader.Read() && reader.ValueTextEquals("CONTROL_MESSAGE"u8);
    }

    private void BeginLogEvents()
    {
        _window.ClearMark();
        BeginArray(isEnvelope: true);
        _arrayWrapper = EventWrapper.SubscriptionLogEvents;
    }
}
