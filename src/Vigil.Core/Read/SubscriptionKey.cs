using System.Text.Json;

namespace Vigil.Read;

/// <summary>
/// The role of a top-level property name in deciding whether an object is a CloudWatch Logs
/// subscription payload whose <c>logEvents</c> array can be streamed, as
/// <see cref="RecordEnvelopes.Expand"/> decides it for the whole object, or a record.
/// </summary>
internal enum SubscriptionKey : byte
{
    None,

    /// <summary><c>messageType</c>: <c>DATA_MESSAGE</c>, or <c>CONTROL_MESSAGE</c> for a skip.</summary>
    MessageType,

    /// <summary><c>logEvents</c>: the array of log events, one record in each <c>message</c>.</summary>
    LogEvents,

    /// <summary>EventBridge's <c>detail-type</c>, which makes the object an EventBridge event.</summary>
    Other,

    /// <summary>
    /// A record key (<c>eventVersion</c>, <c>eventTime</c>, <c>eventName</c>, <c>eventSource</c>):
    /// <see cref="RecordEnvelopes.Expand"/> never unwraps an object with one, so the object is a record.
    /// </summary>
    Record,
}

/// <summary>Classifies property names as <see cref="SubscriptionKey"/> values.</summary>
internal static class SubscriptionKeys
{
    /// <summary>Returns the role of the property name <paramref name="reader"/> is on, escapes decoded.</summary>
    public static SubscriptionKey Classify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("messageType"u8))
        {
            return SubscriptionKey.MessageType;
        }

        if (reader.ValueTextEquals("logEvents"u8))
        {
            return SubscriptionKey.LogEvents;
        }

        var record = reader.ValueTextEquals("eventVersion"u8)
            || reader.ValueTextEquals("eventTime"u8)
            || reader.ValueTextEquals("eventName"u8)
            || reader.ValueTextEquals("eventSource"u8);
        if (record)
        {
            return SubscriptionKey.Record;
        }

        return reader.ValueTextEquals("detail-type"u8) ? SubscriptionKey.Other : SubscriptionKey.None;
    }
}
