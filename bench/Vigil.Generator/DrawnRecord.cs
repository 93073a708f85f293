namespace Vigil.Generator;

/// <summary>The facts of one generated CloudTrail record, drawn before it is written.</summary>
internal sealed record DrawnRecord
{
    public required DateTime Time { get; init; }

    public required string Account { get; init; }

    public required string Region { get; init; }

    public required ApiCall Call { get; init; }

    public required Caller Caller { get; init; }

    public string? ErrorCode { get; init; }

    public required string UserAgent { get; init; }

    public required string SourceIp { get; init; }

    public required string EventId { get; init; }

    public required string RequestId { get; init; }

    /// <summary>Request parameter names and string values, or null for <c>"requestParameters":null</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? RequestParameters { get; init; }

    /// <summary>Response element names and string values, or null for <c>"responseElements":null</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? ResponseElements { get; init; }

    /// <summary>Set on a role-chaining AssumeRole call: the role it assumes and the credentials it hands out.</summary>
    public RoleChainHop? Hop { get; init; }

    /// <summary>
    /// True when the built-in AssumeRole rule alerts on this record: a successful STS AssumeRole call by a
    /// role session, whose session issuer is therefore a role.
    /// </summary>
    public bool IsRoleChain =>
        Call.EventSource == "sts.amazonaws.com" && Call.EventName == "AssumeRole" && Caller.Type == "AssumedRole" && ErrorCode is null;
}
