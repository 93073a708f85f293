namespace Vigil.Detect.Rules.Testing;

/// <summary>The outcome of one rule test case: the events of one case folder run through one rule.</summary>
/// <param name="RuleFile">The rule file under test.</param>
/// <param name="CaseFolder">The case folder, with the event files and <c>expected.json</c>.</param>
/// <param name="ExpectedAlerts">The alert count that <c>expected.json</c> requires; -1 when it could not be read.</param>
/// <param name="ActualAlerts">The alert count of the run.</param>
/// <param name="Error">Why the case could not run, or null.</param>
public sealed record RuleTestCase(string RuleFile, string CaseFolder, int ExpectedAlerts, long ActualAlerts, string? Error)
{
    /// <summary>True when the case ran and raised the expected number of alerts.</summary>
    public bool Passed => Error is null && ExpectedAlerts == ActualAlerts;

    /// <summary>Formats the case as <c>PASS|FAIL case-folder: expected N alerts, got M</c>.</summary>
    public override string ToString() =>
        $"{(Passed ? "PASS" : "FAIL")} {CaseFolder}: " + (Error ?? $"expected {ExpectedAlerts} alerts, got {ActualAlerts}");
}
