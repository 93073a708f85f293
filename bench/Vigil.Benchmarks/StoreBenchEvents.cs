using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Benchmarks;

/// <summary>
/// Generates CloudTrail records and their ECS documents for the store benchmarks: the AssumeRole
/// sample with a rotating mix of API calls (1 in 10 is AssumeRole), one event every
/// <c>spacing</c>, each with its own eventID.
/// </summary>
internal sealed class StoreBenchEvents(DateTimeOffset start, TimeSpan spacing)
{
    private static readonly (string Source, string Action)[] Calls =
    [
        ("sts.amazonaws.com", "AssumeRole"),
        ("s3.amazonaws.com", "GetObject"),
        ("ec2.amazonaws.com", "DescribeInstances"),
        ("sts.amazonaws.com", "GetCallerIdentity"),
        ("kms.amazonaws.com", "Decrypt"),
        ("s3.amazonaws.com", "ListBuckets"),
        ("iam.amazonaws.com", "ListRoles"),
        ("lambda.amazonaws.com", "Invoke"),
        ("logs.amazonaws.com", "PutLogEvents"),
        ("dynamodb.amazonaws.com", "GetItem"),
    ];

    private readonly (JsonObject Record, JsonObject Document)[] _templates = [.. Calls.Select(Template)];

    /// <summary>Returns the raw record of event <paramref name="index"/>.</summary>
    public JsonObject Record(long index)
    {
        var record = _templates[index % Calls.Length].Record.DeepClone().AsObject();
        record["eventID"] = EventId(index);
        record["eventTime"] = Time(index).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return record;
    }

    /// <summary>Returns event <paramref name="index"/> as a raw record and its ECS document, without running the mapper.</summary>
    public (JsonObject Record, EcsDocument Document) Mapped(long index)
    {
        var document = _templates[index % Calls.Length].Document.DeepClone().AsObject();
        document["@timestamp"] = Time(index).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        document["event"]!["id"] = EventId(index);
        return (Record(index), new EcsDocument(document));
    }

    private DateTimeOffset Time(long index) => start + (spacing * index);

    private static string EventId(long index) => $"b{index:D12}-0000-4000-8000-000000000000";

    private static (JsonObject, JsonObject) Template((string Source, string Action) call)
    {
        var record = JsonNode.Parse(AssumeRoleRecord.Json)!.AsObject();
        record["eventSource"] = call.Source;
        record["eventName"] = call.Action;
        return (record, CloudTrailMapper.Map(record).Document.Root);
    }
}
