namespace Vigil.Read;

/// <summary>
/// An object whose array has one CloudTrail record per element, as a JSON string in a named field:
/// AWS CLI output or a CloudWatch Logs subscription payload. The reader streams such an array
/// element by element, as it streams a delivery object's <c>Records</c>, because the CLI joins
/// every page of its output into one object and a subscription payload can be large.
/// </summary>
/// <param name="Property">The array's property name in the output object.</param>
/// <param name="Field">The element's field that contains the record's JSON text.</param>
/// <param name="Noun">What an element is called in locations and messages.</param>
internal sealed record EventWrapper(string Property, string Field, string Noun)
{
    /// <summary><c>aws cloudtrail lookup-events</c>: <c>{"Events":[{"CloudTrailEvent":"…"},…]}</c>.</summary>
    public static readonly EventWrapper LookupEvents = new("Events", "CloudTrailEvent", "event");

    /// <summary><c>aws logs filter-log-events</c> and <c>get-log-events</c>: <c>{"events":[{"message":"…"},…]}</c>.</summary>
    public static readonly EventWrapper LogEvents = new("events", "message", "log event");

    /// <summary>
    /// A CloudWatch Logs subscription payload: <c>{"messageType":"DATA_MESSAGE",…,"logEvents":[{"message":"…"},…]}</c>.
    /// <see cref="ForProperty"/> never returns it, because its <c>messageType</c> decides.
    /// </summary>
    public static readonly EventWrapper SubscriptionLogEvents = new("logEvents", "message", "log event");

    /// <summary>The wrapper whose array property is the UTF-8 name <paramref name="name"/>, or null.</summary>
    public static EventWrapper? ForProperty(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("Events"u8) ? LookupEvents : name.SequenceEqual("events"u8) ? LogEvents : null;
}
