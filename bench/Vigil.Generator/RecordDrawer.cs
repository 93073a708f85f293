namespace Vigil.Generator;

/// <summary>
/// Draws record after record from a <see cref="TrafficProfile"/>, with fresh ids and keys and event
/// times that rise by a random gap, and turns a share of them into role-chaining AssumeRole calls.
/// </summary>
/// <remarks>
/// The records drawn from the profile never form a role chain on their own (such a draw gets another
/// identity type, or failing that an error code), so the role-chain share is exactly the injected share.
/// </remarks>
internal sealed class RecordDrawer
{
    private const int IdentityRedraws = 8;
    private const int MaxGapMilliseconds = 100;

    private static readonly string[] RoleNames =
        ["deploy", "ci-runner", "admin", "readonly", "lambda-exec", "ecs-task", "backup", "audit", "data-pipeline", "break-glass"];

    private static readonly string[] UserNames = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
    private static readonly string[] ResponseNames = ["resultSet", "nextToken", "requestId"];
    private static readonly byte[] FirstOctets = [3, 13, 18, 34, 35, 44, 52, 54, 98, 203];

    private readonly TrafficProfile _profile;
    private readonly SplitMix64 _random;
    private readonly double _roleChainShare;
    private readonly WeightedChoice<string> _accounts;
    private DateTime _time;

    public RecordDrawer(TrafficProfile profile, ulong seed, double roleChainShare, DateTime start)
    {
        _profile = profile;
        _random = new SplitMix64(seed);
        _roleChainShare = roleChainShare;
        _time = start;
        _accounts = new WeightedChoice<string>([(NewAccount(), 70), (NewAccount(), 20), (NewAccount(), 10)]);
    }

    public DrawnRecord Next()
    {
        _time = _time.AddMilliseconds(_random.Next(MaxGapMilliseconds + 1));
        return _random.Chance(_roleChainShare) ? DrawRoleChain() : DrawFromProfile();
    }

    private DrawnRecord DrawFromProfile()
    {
        var call = _profile.Calls.Draw(_random);
        var identityType = _profile.IdentityTypes.Draw(_random);
        var errorCode = _random.Chance(_profile.ErrorShare) ? DrawErrorCode(call) : null;
        var isAssumeRole = call.EventSource == "sts.amazonaws.com" && call.EventName == "AssumeRole";
        for (var i = 0; i < IdentityRedraws && isAssumeRole && errorCode is null && identityType == "AssumedRole"; i++)
        {
            identityType = _profile.IdentityTypes.Draw(_random);
        }

        if (isAssumeRole && errorCode is null && identityType == "AssumedRole")
        {
            errorCode = "AccessDenied";
        }

        var account = _accounts.Draw(_random);
        var caller = NewCaller(identityType, account, call);
        return new DrawnRecord
        {
            Time = _time,
            Account = account,
            Region = _profile.Regions.Draw(_random),
            Call = call,
            Caller = caller,
            ErrorCode = errorCode,
            UserAgent = identityType == "AWSService" ? caller.Name : _profile.UserAgents.Draw(_random),
            SourceIp = identityType == "AWSService" ? caller.Name : NewIp(),
            EventId = _random.NextUuid(),
            RequestId = _random.NextUuid(),
            RequestParameters = Filler(call.ParameterNames, _profile.RequestSizes.Draw(_random)),
            ResponseElements = errorCode is null ? Filler(ResponseNames, _profile.ResponseSizes.Draw(_random)) : null,
        };
    }

    private DrawnRecord DrawRoleChain()
    {
        var account = _accounts.Draw(_random);
        var target = _random.Chance(0.3) ? _accounts.Draw(_random) : account;
        var sessionName = $"{RoleNames[_random.Next(RoleNames.Length)]}-{_random.NextAlphanumeric(8)}";
        return new DrawnRecord
        {
            Time = _time,
            Account = account,
            Region = _profile.Regions.Draw(_random),
            Call = new ApiCall("sts.amazonaws.com", "AssumeRole", ["roleArn", "roleSessionName", "durationSeconds"]),
            Caller = NewCaller("AssumedRole", account, call: null),
            UserAgent = _profile.UserAgents.Draw(_random),
            SourceIp = NewIp(),
            EventId = _random.NextUuid(),
            RequestId = _random.NextUuid(),
            Hop = new RoleChainHop(
                target,
                RoleNames[_random.Next(RoleNames.Length)],
                sessionName,
                "AROA" + _random.NextBase32(17),
                "ASIA" + _random.NextBase32(16),
                DurationSeconds: _random.Chance(0.7) ? 3600 : 900),
        };
    }

    private string DrawErrorCode(ApiCall call) =>
        (_profile.ErrorCodesBySource.GetValueOrDefault(call.EventSource) ?? _profile.ErrorCodes).Draw(_random);

    private Caller NewCaller(string type, string account, ApiCall? call) => type switch
    {
        "AssumedRole" => new Caller(type, RoleNames[_random.Next(RoleNames.Length)], _random.NextAlphanumeric(12), "AROA" + _random.NextBase32(17), "ASIA" + _random.NextBase32(16), account),
        "IAMUser" => new Caller(type, UserNames[_random.Next(UserNames.Length)], "", "AIDA" + _random.NextBase32(17), "AKIA" + _random.NextBase32(16), account),
        "AWSService" => new Caller(type, ServiceHost(call), "", "", "", account),
        "AWSAccount" => new Caller(type, "", "", "AIDA" + _random.NextBase32(17), "", _accounts.Draw(_random)),
        _ => new Caller(type, UserNames[_random.Next(UserNames.Length)], "", type == "Root" ? account : "AIDA" + _random.NextBase32(17), "ASIA" + _random.NextBase32(16), account),
    };

    private static string ServiceHost(ApiCall? call) => call?.Service switch
    {
        "kms" or "s3" or "logs" => "cloudformation.amazonaws.com",
        "sts" => "lambda.amazonaws.com",
        _ => "autoscaling.amazonaws.com",
    };

    private IReadOnlyList<KeyValuePair<string, string>>? Filler(IReadOnlyList<string> names, int size)
    {
        if (size == 0)
        {
            return null;
        }

        if (names.Count == 0)
        {
            names = ["input"];
        }

        var overhead = 2 + names.Sum(name => name.Length + 6);
        var valueLength = Math.Max(1, (size - overhead) / names.Count);
        return [.. names.Select(name => KeyValuePair.Create(name, _random.NextAlphanumeric(valueLength)))];
    }

    private string NewIp() =>
        $"{FirstOctets[_random.Next(FirstOctets.Length)]}.{_random.Next(256)}.{_random.Next(256)}.{1 + _random.Next(254)}";

    private string NewAccount() => $"{1 + _random.Next(9)}{_random.NextUInt64() % 100_000_000_000:D11}";
}
