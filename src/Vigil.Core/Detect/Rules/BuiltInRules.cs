using Vigil.Detect.Rules.BuiltIn;

namespace Vigil.Detect.Rules;

/// <summary>The rules Vigil ships with, usable without any rule files.</summary>
public static class BuiltInRules
{
    private static readonly Lazy<IReadOnlyList<DetectionRule>> Rules = new(Load);

    /// <summary>
    /// Every built-in rule: "AWS Security Token Service (STS) AssumeRole Usage" version 2, whose
    /// query looks for <c>event.action:AssumeRole</c>.
    /// </summary>
    public static IReadOnlyList<DetectionRule> All => Rules.Value;

    private static IReadOnlyList<DetectionRule> Load() =>
        [RuleLoader.ParseToml(AwsStsAssumeRoleUsage.Toml, sourcePath: null)];
}
