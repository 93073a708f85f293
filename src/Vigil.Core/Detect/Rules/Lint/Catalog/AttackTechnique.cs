namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>An ATT&amp;CK technique or sub-technique and the ids of its tactics.</summary>
internal sealed record AttackTechnique(string Id, string Name, IReadOnlyList<string> TacticIds)
{
    /// <summary>The id of the parent technique of a sub-technique, such as <c>T1078</c> for <c>T1078.004</c>; null for a technique.</summary>
    public string? ParentId => Id.Contains('.', StringComparison.Ordinal) ? Id[..Id.IndexOf('.', StringComparison.Ordinal)] : null;
}
