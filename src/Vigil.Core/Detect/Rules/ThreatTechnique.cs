namespace Vigil.Detect.Rules;

/// <summary>A MITRE ATT&amp;CK technique, such as <c>T1550</c>, with the sub-techniques the rule maps.</summary>
/// <param name="Id">The technique id.</param>
/// <param name="Name">The technique name.</param>
/// <param name="Reference">The technique's ATT&amp;CK page URL.</param>
/// <param name="Subtechniques">The sub-techniques; may be empty.</param>
public sealed record ThreatTechnique(
    string Id,
    string Name,
    string Reference,
    IReadOnlyList<ThreatSubtechnique> Subtechniques);
