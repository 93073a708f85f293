using System.Text.Json;

namespace Vigil.Generator;

/// <summary>Counts of the record facts the generator draws, tallied over a set of real CloudTrail records.</summary>
internal sealed class ObservedTraffic
{
    private const int MaxParameterNames = 8;

    private readonly Dictionary<(string Source, string Name), int> _calls = [];
    private readonly Dictionary<(string Source, string Name), SortedSet<string>> _parameterNames = [];
    private readonly Dictionary<string, int> _identityTypes = [];
    private readonly Dictionary<string, int> _errorCodes = [];
    private readonly Dictionary<string, Dictionary<string, int>> _errorCodesBySource = [];
    private readonly Dictionary<int, int> _requestSizes = [];
    private readonly Dictionary<int, int> _responseSizes = [];
    private readonly Dictionary<string, int> _userAgents = [];
    private readonly Dictionary<string, int> _regions = [];

    public int Records { get; private set; }

    public void Add(JsonElement record)
    {
        if (Text(record, "eventSource") is not { } source || Text(record, "eventName") is not { } name)
        {
            return;
        }

        Records++;
        Increment(_calls, (source, name));
        NoteParameterNames(record, (source, name));
        Increment(_identityTypes, record.TryGetProperty("userIdentity", out var identity) ? Text(identity, "type") ?? "Unknown" : "Unknown");
        Increment(_requestSizes, CompactLength(record, "requestParameters"));
        Increment(_responseSizes, CompactLength(record, "responseElements"));
        Increment(_userAgents, Text(record, "userAgent") ?? "AWS Internal");
        Increment(_regions, Text(record, "awsRegion") ?? "us-east-1");
        if (Text(record, "errorCode") is { Length: > 0 } error)
        {
            Increment(_errorCodes, error);
            Increment(ErrorCodesOf(source), error);
        }
    }

    public TrafficProfile ToProfile(string source)
    {
        var calls = _calls.ToDictionary(
            pair => new ApiCall(pair.Key.Source, pair.Key.Name, [.. _parameterNames.GetValueOrDefault(pair.Key) ?? []]),
            pair => pair.Value);
        var errors = _errorCodes.Count == 0 ? new Dictionary<string, int> { ["AccessDenied"] = 1 } : _errorCodes;

        return new TrafficProfile(
            Calls: WeightedChoice<ApiCall>.FromCounts(calls, Comparer<ApiCall>.Create(CompareCalls)),
            IdentityTypes: WeightedChoice<string>.FromCounts(_identityTypes, StringComparer.Ordinal),
            ErrorShare: (double)_errorCodes.Values.Sum() / Records,
            ErrorCodes: WeightedChoice<string>.FromCounts(errors, StringComparer.Ordinal),
            ErrorCodesBySource: _errorCodesBySource.ToDictionary(
                pair => pair.Key,
                pair => WeightedChoice<string>.FromCounts(pair.Value, StringComparer.Ordinal),
                StringComparer.Ordinal),
            RequestSizes: WeightedChoice<int>.FromCounts(_requestSizes, Comparer<int>.Default),
            ResponseSizes: WeightedChoice<int>.FromCounts(_responseSizes, Comparer<int>.Default),
            UserAgents: WeightedChoice<string>.FromCounts(_userAgents, StringComparer.Ordinal),
            Regions: WeightedChoice<string>.FromCounts(_regions, StringComparer.Ordinal),
            Source: source);
    }

    private Dictionary<string, int> ErrorCodesOf(string source)
    {
        if (!_errorCodesBySource.TryGetValue(source, out var counts))
        {
            counts = [];
            _errorCodesBySource[source] = counts;
        }

        return counts;
    }

    private void NoteParameterNames(JsonElement record, (string, string) call)
    {
        if (!record.TryGetProperty("requestParameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (!_parameterNames.TryGetValue(call, out var names))
        {
            names = new SortedSet<string>(StringComparer.Ordinal);
            _parameterNames[call] = names;
        }

        foreach (var property in parameters.EnumerateObject())
        {
            if (names.Count < MaxParameterNames)
            {
                names.Add(property.Name);
            }
        }
    }

    private static int CompareCalls(ApiCall? left, ApiCall? right)
    {
        var bySource = string.CompareOrdinal(left!.EventSource, right!.EventSource);
        return bySource != 0 ? bySource : string.CompareOrdinal(left.EventName, right.EventName);
    }

    private static int CompactLength(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? JsonSerializer.Serialize(value).Length
            : 0;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
