namespace Vigil.Generator;

/// <summary>The identity that made a call, as <c>userIdentity</c> records it.</summary>
/// <param name="Type"><c>userIdentity.type</c>.</param>
/// <param name="Name">Role name for a role session, user name for a user, service host for a service.</param>
/// <param name="SessionName">Role session name; empty for other identity types.</param>
/// <param name="PrincipalId">Unique id of the role or user (AROA… or AIDA…).</param>
/// <param name="AccessKeyId">Access key the call was signed with (AKIA… long-term, ASIA… temporary).</param>
/// <param name="Account">Account the identity belongs to.</param>
internal sealed record Caller(string Type, string Name, string SessionName, string PrincipalId, string AccessKeyId, string Account);
