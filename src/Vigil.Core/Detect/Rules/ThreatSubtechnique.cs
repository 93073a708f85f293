namespace Vigil.Detect.Rules;

/// <summary>A MITRE ATT&amp;CK sub-technique, such as <c>T1550.001</c> Application Access Token.</summary>
/// <param name="Id">The sub-technique id.</param>
/// <param name="Name">The sub-technique name.</param>
/// <param name="Reference">The sub-technique's ATT&amp;CK page URL.</param>
public sealed record ThreatSubtechnique(string Id, string Name, string Reference);
