using Vigil.Detect.Rules;
using Vigil.Map;

namespace Vigil.Hunt;

/// <summary>A query rule compiled and ready to test events against.</summary>
internal sealed record PreparedRule(DetectionRule Rule, Func<EcsDocument, bool> Matches, RuleWindow Window);
