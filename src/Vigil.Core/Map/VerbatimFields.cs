using System.Collections.Frozen;

namespace Vigil.Map;

/// <summary>
/// The ECS fields that <see cref="CloudTrailMapper"/> fills only by moving or copying one raw record
/// value unchanged (a rename or a copy step), and never sets from a derived, rendered or split value.
/// </summary>
/// <remarks>
/// A string in one of these fields is therefore the unescaped text of a JSON string in the raw
/// record, which lets a prefilter look for a query's literal in the record's bytes. Excluded on
/// purpose: <c>event.action</c> (rendered from any JSON kind), <c>cloud.*</c>, <c>event.outcome</c>,
/// <c>event.category</c>, <c>related.*</c>, <c>user.email</c>, <c>service.name</c>,
/// <c>tls.version</c> and the <c>aws.cloudtrail.*</c> copies of whole objects, which are derived.
/// Keep this list in step with the mapping steps: a field gains a derived writer, it leaves the list.
/// </remarks>
internal static class VerbatimFields
{
    private const string Identity = "aws.cloudtrail.user_identity";

    /// <summary>The field names.</summary>
    public static FrozenSet<string> All { get; } = FrozenSet.ToFrozenSet(
    [
        // IdentityMapping: renames of userIdentity members.
        "user.name",
        "user.id",
        Identity + ".type",
        Identity + ".arn",
        Identity + ".access_key_id",
        Identity + ".invoked_by",
        Identity + ".credential_id",
        Identity + ".identity_provider",
        Identity + ".on_behalf_of.user_id",
        Identity + ".on_behalf_of.identity_store_arn",
        Identity + ".session_context.mfa_authenticated",
        Identity + ".session_context.source_identity",
        Identity + ".session_context.session_issuer.type",
        Identity + ".session_context.session_issuer.arn",
        Identity + ".session_context.session_issuer.account_id",
        Identity + ".session_context.session_issuer.principal_id",
        "aws.cloudtrail.event_version",

        // EventMapping: renames and copies of record members.
        "event.provider",
        "event.id",
        "source.address",
        "user_agent.original",
        "aws.cloudtrail.event_category",
        "aws.cloudtrail.error_code",
        "aws.cloudtrail.error_message",
        "aws.cloudtrail.request_id",
        "aws.cloudtrail.event_type",
        "aws.cloudtrail.api_version",
        "aws.cloudtrail.read_only",
        "aws.cloudtrail.recipient_account_id",
        "aws.cloudtrail.shared_event_id",
        "aws.cloudtrail.vpc_endpoint_id",

        // RelatedMapping and TlsMapping: copies of request, response and TLS members.
        "user.target.name",
        "user.target.id",
        "user.changes.name",
        "group.name",
        "group.id",
        "tls.cipher",
        "tls.client.server_name",
    ], StringComparer.Ordinal);

    /// <summary>
    /// The flattened copies of whole payload objects. <see cref="PayloadMapping"/> copies each payload
    /// after the pre-clean, and the insight details are renamed, so every string leaf below them is a
    /// raw string. The digest's flattened object is built from parsed dates, so it is not listed.
    /// </summary>
    private static readonly string[] FlattenedPayloads =
    [
        "aws.cloudtrail.flattened.request_parameters",
        "aws.cloudtrail.flattened.response_elements",
        "aws.cloudtrail.flattened.additional_eventdata",
        "aws.cloudtrail.flattened.service_event_details",
        "aws.cloudtrail.flattened.insight_details",
    ];

    /// <summary>
    /// Returns whether <paramref name="field"/> is verbatim: one of <see cref="All"/>, or a flattened
    /// payload object or a key path below one.
    /// </summary>
    public static bool IsVerbatim(string field)
    {
        if (All.Contains(field))
        {
            return true;
        }

        foreach (var payload in FlattenedPayloads)
        {
            if (field.StartsWith(payload, StringComparison.Ordinal) && (field.Length == payload.Length || field[payload.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns the raw record path that a one-key field below a payload's flattened copy copies, such
    /// as <c>requestParameters.key</c> for <c>aws.cloudtrail.flattened.request_parameters.key</c>;
    /// null for any other field. The payload may be a string instead of an object in the raw record.
    /// </summary>
    public static string? PayloadKeyRawPath(string field)
    {
        if (!field.StartsWith(PayloadMapping.FlattenedPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = field.AsSpan(PayloadMapping.FlattenedPrefix.Length);
        var dot = rest.IndexOf('.');
        if (dot < 0 || dot == rest.Length - 1 || rest[(dot + 1)..].Contains('.'))
        {
            return null;
        }

        foreach (var (source, target) in PayloadMapping.Payloads)
        {
            if (rest[..dot].SequenceEqual(target))
            {
                return string.Concat(source, rest[dot..]);
            }
        }

        return null;
    }

    /// <summary>
    /// The raw record path of each verbatim field that exactly one rename fills, from that one path,
    /// and that no other step writes (checked against every writer in the mapping steps). The field
    /// then contains the raw value there or nothing, so a raw string a query rejects rules the record out.
    /// </summary>
    public static FrozenDictionary<string, string> SingleSources { get; } = new Dictionary<string, string>
    {
        // IdentityMapping.
        [Identity + ".type"] = "userIdentity.type",
        [Identity + ".session_context.session_issuer.type"] = "userIdentity.sessionContext.sessionIssuer.type",

        // EventMapping.
        ["aws.cloudtrail.error_code"] = "errorCode",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
