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
        for (var i = 0; i < Paths.Length; i++)
        {
            var (source, textPath, flattenedPath) = Paths[i];
            if (context.Json[source] is not { } payload)
            {
                continue;
            }

            var text = JavaText.Render(payload);
            context.Set(textPath, text);
            if (text.Length <= MaxFlattenedLength)
            {
                // Taking the place now keeps the field where Elastic puts it; MoveFlattened fills it.
                context.Set(flattenedPath, null);
                context.DeferredPayloads |= 1 << i;
            }
        }
    }

    /// <summary>
    /// Moves each payload that <see cref="Apply"/> deferred into its flattened field, after the last
    /// step that reads it. The steps between only read the payloads, so the moved object is equal to
    /// a copy made in <see cref="Apply"/>. Skipping the copy saves 0.4 KB of the mapping's 18.6 KB per
    /// record (phase probe, 64 MB generated file). So no step that changes a payload in the record may
    /// run between the two.
    /// </summary>
    public static void MoveFlattened(MappingContext context)
    {
        for (var i = 0; i < Paths.Length; i++)
        {
            if ((context.DeferredPayloads & (1 << i)) != 0)
            {
                context.Set(Paths[i].FlattenedPath, JsonPaths.Take(context.Json, Paths[i].Source));
            }
        }
    }
}
