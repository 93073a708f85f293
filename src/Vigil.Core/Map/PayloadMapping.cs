namespace Vigil.Map;

/// <summary>
/// Copies <c>requestParameters</c>, <c>responseElements</c>, <c>additionalEventData</c> and
/// <c>serviceEventDetails</c> as Elastic does: a Java <c>Map.toString()</c> string (rules match
/// wildcards against it) and the object itself under <c>aws.cloudtrail.flattened</c>.
/// </summary>
internal static class PayloadMapping
{
    /// <summary>
    /// Longest string for which Elastic keeps the flattened copy: Lucene rejects a keyword term of
    /// 32766 bytes or more, which would fail the whole document.
    /// </summary>
    public const int MaxFlattenedLength = 32765;

    private static readonly (string Source, string Target)[] Payloads =
    [
        ("requestParameters", "request_parameters"),
        ("responseElements", "response_elements"),
        ("additionalEventData", "additional_eventdata"),
        ("serviceEventDetails", "service_event_details"),
    ];

    public static void Apply(MappingContext context)
    {
        foreach (var (source, target) in Payloads)
        {
            if (context.Json[source] is not { } payload)
            {
                continue;
            }

            var text = JavaText.Render(payload);
            context.Set("aws.cloudtrail." + target, text);
            if (text.Length <= MaxFlattenedLength)
            {
                context.Set("aws.cloudtrail.flattened." + target, payload.DeepClone());
            }
        }
    }
}
