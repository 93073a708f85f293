using System.Buffers;
using System.Text.Json.Nodes;

namespace Vigil.Map;

/// <summary>Maps <c>userIdentity</c> to <c>user.*</c>, <c>service.name</c> and <c>aws.cloudtrail.user_identity.*</c>.</summary>
internal static class IdentityMapping
{
    private static readonly SearchValues<char> PartitionCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    private const string Identity = "userIdentity";
    private const string Session = "userIdentity.sessionContext";
    private const string Issuer = "userIdentity.sessionContext.sessionIssuer";
    private const string Target = "aws.cloudtrail.user_identity";

    private static readonly (string Source, string Target)[] LaterRenames =
    [
        (Issuer + ".arn", Target + ".session_context.session_issuer.arn"),
        (Issuer + ".accountId", Target + ".session_context.session_issuer.account_id"),
        ("sessionCredentialFromConsole", "aws.cloudtrail.session_credential_from_console"),
        (Identity + ".invokedBy", Target + ".invoked_by"),
        (Identity + ".invokedByDelegate.accountId", Target + ".invoked_by_delegate.account_id"),
        (Identity + ".credentialId", Target + ".credential_id"),
        (Identity + ".identityProvider", Target + ".identity_provider"),
        (Identity + ".inScopeOf.issuerType", Target + ".in_scope_of.issuer_type"),
        (Identity + ".inScopeOf.credentialsIssuedTo", Target + ".in_scope_of.credentials_issued_to"),
        (Identity + ".inScopeOf.sourceArn", Target + ".in_scope_of.source_arn"),
        (Identity + ".inScopeOf.sourceAccount", Target + ".in_scope_of.source_account"),
        (Session + ".ec2RoleDelivery", Target + ".session_context.ec2_role_delivery"),
        (Session + ".sourceIdentity", Target + ".session_context.source_identity"),
        (Session + ".webIdFederationData.federatedProvider", Target + ".session_context.web_id_federation_data.federated_provider"),
        (Session + ".webIdFederationData.attributes", Target + ".session_context.web_id_federation_data.attributes"),
        (Session + ".assumedRoot", Target + ".session_context.assumed_root"),
        (Session + ".signInSessionArn", Target + ".session_context.sign_in_session_arn"),
    ];

    public static void Apply(MappingContext context)
    {
        context.Rename("eventVersion", "aws.cloudtrail.event_version");
        context.Rename(Identity + ".type", Target + ".type");
        DetectServiceActor(context);
        MapUser(context);
        MapSession(context);
        MapSessionName(context);
        MapOnBehalfOf(context);
        foreach (var (source, target) in LaterRenames)
        {
            context.Rename(source, target);
        }
    }

    /// <summary>
    /// Sets <c>service.name</c> when the caller is an AWS service: identity type <c>AWSService</c>
    /// (the service is <c>invokedBy</c>), or a service-linked role (<c>invokedBy</c>, else the service
    /// in the role path). Never decided from <c>invokedBy</c> alone, because console sign-ins by
    /// people carry <c>signin.amazonaws.com</c> there.
    /// </summary>
    private static void DetectServiceActor(MappingContext context)
    {
        if (context.Json[Identity] is not JsonObject)
        {
            return;
        }

        var type = context.GetString(Target + ".type");
        var invokedBy = JsonPaths.GetString(context.Json, Identity + ".invokedBy");
        string? service = null;
        if (type == "AWSService")
        {
            service = invokedBy;
        }
        else if (type == "AssumedRole" && ServiceInRolePath(JsonPaths.GetString(context.Json, Issuer + ".arn")) is var (isServiceRole, pathService) && isServiceRole)
        {
            service = invokedBy ?? pathService;
        }

        if (!string.IsNullOrEmpty(service))
        {
            context.ServiceName = service;
            context.Set("service.name", service);
        }
    }

    private static (bool IsServiceRole, string? Service) ServiceInRolePath(string? issuerArn)
    {
        const string Marker = ":role/aws-service-role/";
        var start = issuerArn?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return (false, null);
        }

        var rest = issuerArn![(start + Marker.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return (true, slash > 0 ? rest[..slash] : null);
    }

    private static void MapUser(MappingContext context)
    {
        if (context.ServiceName is null)
        {
            context.Rename(Identity + ".userName", "user.name");
            context.Rename(Identity + ".principalId", "user.id");
        }

        context.Rename(Identity + ".arn", Target + ".arn");
        if (!context.Has("cloud.account.id"))
        {
            context.Rename(Identity + ".accountId", "cloud.account.id");
        }

        context.Rename(Identity + ".accessKeyId", Target + ".access_key_id");
    }

    private static void MapSession(MappingContext context)
    {
        context.Rename(Session + ".attributes.mfaAuthenticated", Target + ".session_context.mfa_authenticated");
        MapCreationDate(context);
        context.Rename(Issuer + ".type", Target + ".session_context.session_issuer.type");

        // For assumed roles and federated users, user.name is the role (or calling user), not the session.
        var type = context.GetString(Target + ".type");
        if (type is "AssumedRole" or "FederatedUser" && context.ServiceName is null)
        {
            context.Rename(Issuer + ".userName", "user.name");
        }

        context.Rename(Issuer + ".principalId", Target + ".session_context.session_issuer.principal_id");
    }

    private static void MapCreationDate(MappingContext context)
    {
        const string Source = Session + ".attributes.creationDate";
        if (JsonPaths.Get(context.Json, Source) is not JsonValue value)
        {
            return;
        }

        var text = JavaText.Scalar(value);
        if (ElasticDate.TryParseIso8601OrBasic(text, out var date))
        {
            context.Set(Target + ".session_context.creation_date", date);
            return;
        }

        JsonPaths.Take(context.Json, Source);
        context.AddError("date", "date_json_userIdentity_sessionContext_attributes_creationDate_to_aws_cloudtrail_user_identity_session_context_creation_date_7cf57f10", $"unable to parse date [{text}]");
    }

    /// <summary>
    /// Adds the session name (after the last <c>/</c> of an STS ARN, in any partition) to
    /// <c>related.user</c>; an e-mail session name also adds its local part and sets <c>user.email</c>.
    /// </summary>
    private static void MapSessionName(MappingContext context)
    {
        var type = context.GetString(Target + ".type");
        var arn = context.GetString(Target + ".arn");
        if (type is not ("AssumedRole" or "FederatedUser" or "IdentityCenterUser") || arn is null || !arn.Contains(":sts:", StringComparison.Ordinal) || !arn.Contains('/', StringComparison.Ordinal))
        {
            return;
        }

        if (!IsStsArn(arn))
        {
            context.AddError("grok", "extract_session_name_from_arn", "Provided Grok expressions do not match field value: [" + arn + "]");
            return;
        }

        var session = arn[(arn.LastIndexOf('/') + 1)..];
        if (session.Length == 0)
        {
            return;
        }

        context.AppendUnique("related.user", session);
        var at = session.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            context.AppendUnique("related.user", session[..at]);
            if (!context.Has("user.email"))
            {
                context.Set("user.email", session);
            }
        }
    }

    private static void MapOnBehalfOf(MappingContext context)
    {
        context.Copy(Identity + ".onBehalfOf.userId", Target + ".on_behalf_of.user_id");
        context.Rename(Identity + ".onBehalfOf.identityStoreArn", Target + ".on_behalf_of.identity_store_arn");
        if (context.GetString(Target + ".type") == "IdentityCenterUser" && !context.Has("user.id"))
        {
            context.Rename(Identity + ".onBehalfOf.userId", "user.id");
        }
    }

    /// <summary>Matches the pipeline's grok pattern <c>^arn:[a-z0-9-]+:sts:.*/…$</c>, in which <c>.</c> excludes a line feed.</summary>
    private static bool IsStsArn(string arn)
    {
        const string Prefix = "arn:";
        var partitionEnd = arn.IndexOf(':', Prefix.Length);
        return arn.StartsWith(Prefix, StringComparison.Ordinal)
            && partitionEnd > Prefix.Length
            && arn.AsSpan(Prefix.Length, partitionEnd - Prefix.Length).IndexOfAnyExcept(PartitionCharacters) < 0
            && arn.AsSpan(partitionEnd).StartsWith(":sts:")
            && arn.IndexOf('/', partitionEnd) >= 0
            && !arn.Contains('\n', StringComparison.Ordinal);
    }
}
