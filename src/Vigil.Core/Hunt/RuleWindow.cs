using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>
/// The time range a rule searches, applied to its timestamp field the way Kibana's detection engine does.
/// </summary>
/// <remarks>
/// Kibana searches <c>timestamp_override</c> when set, and unless
/// <c>timestamp_override_fallback_disabled</c> is true it also takes a document that has no
/// override field when its <c>@timestamp</c> is in range. Both ends are inclusive.
/// </remarks>
internal sealed class RuleWindow
{
    private const string DefaultTimestampField = "@timestamp";

    private readonly string _primaryField;
    private readonly bool _fallBackToTimestamp;
    private readonly DateTimeOffset? _from;
    private readonly DateTimeOffset? _to;

    public RuleWindow(string? timestampOverride, bool fallbackDisabled, DateTimeOffset? from, DateTimeOffset? to)
    {
        _primaryField = string.IsNullOrEmpty(timestampOverride) ? DefaultTimestampField : timestampOverride;
        _fallBackToTimestamp = _primaryField != DefaultTimestampField && !fallbackDisabled;
        _from = from;
        _to = to;
    }

    /// <summary>True when the hunt has no time bounds, so every event is inside.</summary>
    public bool IsUnbounded => _from is null && _to is null;

    public bool Contains(EcsDocument document)
    {
        if (IsUnbounded)
        {
            return true;
        }

        var primary = ReadTime(document, _primaryField);
        if (primary is not null)
        {
            return InRange(primary.Value);
        }

        if (!_fallBackToTimestamp)
        {
            return false;
        }

        var timestamp = ReadTime(document, DefaultTimestampField);
        return timestamp is not null && InRange(timestamp.Value);
    }

    private bool InRange(DateTimeOffset time) => (_from is null || time >= _from) && (_to is null || time <= _to);

    private static DateTimeOffset? ReadTime(EcsDocument document, string field)
    {
        foreach (var value in document.FieldValues(field))
        {
            if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(
                    scalar.GetValue<string>(),
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal,
                    out var time))
            {
                return time;
            }
        }

        return null;
    }
}
