using Vigil.Detect.Rules;

namespace Vigil.Hunt;

/// <summary>A rule the hunt ran, with a warning shown to the user, such as exception lists it could not apply.</summary>
public sealed record RuleNotice(DetectionRule Rule, string Warning);
