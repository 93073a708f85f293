namespace Vigil.Map;

/// <summary>
/// Copies <c>requestParameters</c>, <c>responseElements</c>, <c>additionalEventData</c> and
/// <c>serviceEventDetails</c> as Elastic does: a Java <c>Map.toString()</c> string (rules match
/// wildcards against it) and the object itself under <c>aws.cloudtrail.flattened</c>.
/// </summary>
internal static class PayloadMapping
{
    /// <summary>
    /// Maximum string length for which Elastic keeps the flattened copy. Its pipeline keeps it only
    /// below 32766 characters, because Lucene rejects longer keyword terms and the whole document
    /// would fail.
    /// </summary>
    public const int MaxFlattenedLength = 32765;

    /// <summary>The field under which each payload's object is copied whole.</summary>
    public const string FlattenedPrefix = "aws.cloudtrail.flattened.";

    /// <summary>Each payload's raw record key and its ECS name below <c>aws.cloudtrail</c>.</summary>
    public static readonly (string Source, string Target)[] Payloads =
    [
        ("requestParameters", "request_parameters"),
        ("responseElements", "response_elements"),
        ("additionalEventData", "additional_eventdata"),
        ("serviceEventDetails", "service_event_details"),
    ];

    // The document paths of each payload, made once, because the mapper's path cache finds a path by its instance.
    private static readonly (string Source, string TextPath, string FlattenedPath)[] Paths =
        [.. Payloads.Select(payload => (payload.Source, "aws.cloudtrail." + payload.Target, FlattenedPrefix + payload.Target))];

    public static void Apply(MappingContext context)
    {
        foreach (var (source, textPath, flattenedPath) in Paths)
        {
            if (context.Json[source] is not { } payload)
            {
                continue;
            }

            var text = JavaText.Render(payload);
            context.Set(textPath, text);
            if (text.Length <= MaxFlattenedLength)
            {
                context.Set(flattenedPath, payload.DeepClone());
            }
        }
    }
}
