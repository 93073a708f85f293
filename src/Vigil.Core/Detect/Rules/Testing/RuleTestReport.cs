namespace Vigil.Detect.Rules.Testing;

/// <summary>The outcome of a rule test run.</summary>
/// <param name="Cases">Each case run with each rule it applies to, and each rule that failed to load.</param>
/// <param name="FilesWithoutCases">One message for each rule file without a test case, naming the folder its cases belong in.</param>
public sealed record RuleTestReport(IReadOnlyList<RuleTestCase> Cases, IReadOnlyList<string> FilesWithoutCases);
