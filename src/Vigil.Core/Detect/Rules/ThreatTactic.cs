namespace Vigil.Detect.Rules;

/// <summary>A MITRE ATT&amp;CK tactic, such as <c>TA0004</c> Privilege Escalation.</summary>
/// <param name="Id">The tactic id.</param>
/// <param name="Name">The tactic name.</param>
/// <param name="Reference">The tactic's ATT&amp;CK page URL.</param>
public sealed record ThreatTactic(string Id, string Name, string Reference);
