using Vigil.Detect.Rules;

namespace Vigil.Hunt;

/// <summary>A rule the hunt did not run, with the reason shown to the user.</summary>
public sealed record SkippedRule(DetectionRule Rule, string Reason);
