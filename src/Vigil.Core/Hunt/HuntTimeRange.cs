using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// Places each event's <c>@timestamp</c> against a hunt's <c>--from</c> and <c>--to</c>, so that the
/// summary can count the events that the time range leaves out.
/// </summary>
/// <remarks>
/// The timestamp is the one the mapper derives from <c>eventTime</c>, compared as
/// <see cref="RuleWindow"/> compares it, with both ends inclusive. A rule whose
/// <c>timestamp_override</c> field the event has searches that field instead, but a hunt's documents
/// have no <c>event.ingested</c>, the field such rules name, so they fall back to <c>@timestamp</c>.
/// </remarks>
internal sealed class HuntTimeRange(DateTimeOffset? from, DateTimeOffset? to)
{
    /// <summary>Returns the range of <paramref name="options"/>, or null for a hunt without one.</summary>
    public static HuntTimeRange? For(HuntOptions options) =>
        options.From is null && options.To is null ? null : new HuntTimeRange(options.From, options.To);

    /// <summary>Places a parsed record by its <c>eventTime</c>.</summary>
    public EventTimePosition Place(JsonObject record) => PlaceTimestamp(EventMapping.Timestamp(CloudTrailMapper.EventTime(record)));

    /// <summary>Places a record by the text of its <c>eventTime</c>, which is null when the record has no string <c>eventTime</c>.</summary>
    public EventTimePosition Place(string? eventTime) =>
        PlaceTimestamp(eventTime is not null && ElasticDate.TryParseIso8601(eventTime, out var timestamp) ? timestamp : null);

    private EventTimePosition PlaceTimestamp(string? timestamp)
    {
        if (timestamp is null)
        {
            return EventTimePosition.NoTimestamp;
        }

        // A timestamp that DateTimeOffset cannot parse matches no rule's window either, because RuleWindow parses it the same way.
        var inRange = DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && (from is null || time >= from)
            && (to is null || time <= to);
        return inRange ? EventTimePosition.InRange : EventTimePosition.OutOfRange;
    }
}

/// <summary>Where an event's <c>@timestamp</c> lies against a hunt's time range.</summary>
internal enum EventTimePosition : byte
{
    /// <summary>In the range, or the hunt has no range.</summary>
    InRange,

    /// <summary>Before <c>--from</c> or after <c>--to</c>.</summary>
    OutOfRange,

    /// <summary>Without <c>@timestamp</c>, because <c>eventTime</c> is missing or Elastic cannot parse it.</summary>
    NoTimestamp,
}
