namespace Vigil.Serve;

/// <summary>A row of the rule registry.</summary>
internal sealed record RegisteredRule(
    string RuleUuid,
    string RuleId,
    string Name,
    bool Enabled,
    int Version,
    int Revision,
    string? SourceFile,
    string ContentHash);
