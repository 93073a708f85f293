namespace Vigil.Detect.Rules;

/// <summary>One MITRE ATT&amp;CK tactic of a rule with the techniques the rule maps under it.</summary>
/// <param name="Framework">The framework name, <c>MITRE ATT&amp;CK</c> in every prebuilt rule.</param>
/// <param name="Tactic">The tactic.</param>
/// <param name="Techniques">The techniques under the tactic; may be empty.</param>
public sealed record ThreatMapping(string Framework, ThreatTactic Tactic, IReadOnlyList<ThreatTechnique> Techniques);
