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
/// than <c>CONTROL_MESSAGE</c>, and no record key nor <c>detail-type</c>. CloudWatch Logs writes
/// <c>messageType</c> first. In any other order the object is held whole and unwrapped as before.
/// Keys after the array are not consulted, as for a delivery object's <c>Records</c>.
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
                _messageType = value.Type != JsonTokenType.String ? MessageType.NotString
                    : IsControlMessage(value) ? MessageType.Control
                    : MessageType.Data;
                return false;
            case SubscriptionKey.Other:
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
