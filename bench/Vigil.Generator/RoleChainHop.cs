namespace Vigil.Generator;

/// <summary>The role a role-chaining AssumeRole call assumes, and the temporary credentials it returns.</summary>
internal sealed record RoleChainHop(string TargetAccount, string TargetRole, string SessionName, string TargetRoleId, string NewAccessKeyId, int DurationSeconds);
