namespace Vigil.Map;

/// <summary>
/// The keyword fields that Elastic's prebuilt rules for CloudTrail filter on most. The CloudTrail
/// mapper stores their values inline in each <see cref="EcsDocument"/>, so the first query on a
/// document reads them without walking its JSON tree.
/// </summary>
/// <remarks>
/// Chosen by how many of the prebuilt rules' KQL queries name each field (Elastic's detection-rules
/// repository, rules that read <c>logs-aws*</c>): <c>event.outcome</c>, <c>event.action</c> and
/// <c>event.provider</c> appear in about 150 to 220 queries each, the identity type in 36. The
/// constant fields <c>event.dataset</c> and <c>data_stream.dataset</c> are compiled to constants and
/// need no slot.
/// </remarks>
internal static class HotFields
{
    private static readonly string[] PathList =
    [
        "event.action",
        "event.provider",
        "event.outcome",
        "event.category",
        "event.kind",
        "aws.cloudtrail.user_identity.type",
        "aws.cloudtrail.user_identity.session_context.session_issuer.type",
        "aws.cloudtrail.user_identity.arn",
        "aws.cloudtrail.user_identity.invoked_by",
        "aws.cloudtrail.error_code",
        "user_agent.original",
        "user.name",
    ];

    /// <summary>The number of hot fields; <see cref="HotFieldValues"/> has one slot for each.</summary>
    public const int Count = 12;

    /// <summary>The hot field paths; a field's slot is its position here.</summary>
    public static ReadOnlySpan<string> Paths => PathList;

    /// <summary>Returns the slot of <paramref name="path"/>, or -1 when it is not a hot field.</summary>
    public static int SlotOf(string path) => Array.IndexOf(PathList, path);
}
