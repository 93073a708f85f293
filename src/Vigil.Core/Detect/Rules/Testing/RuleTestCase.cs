namespace Vigil.Detect.Rules.Testing;

/// <summary>The outcome of one rule test case: the events of one case folder run through one rule.</summary>
/// <param name="RuleFile">The rule file under test.</param>
/// <param name="CaseFolder">The case folder, with the event files and <c>expected.json</c>.</param>
/// <param name="ExpectedAlerts">The alert count that <c>expected.json</c> requires; -1 when it could not be read.</param>
/// <param name="ActualAlerts">The alert count of the run.</param>
/// <param name="Error">Why the case could not run, or null.</param>
/// <param name="SkipReason">Why the rule cannot be tested, such as a rule type the hunt does not run, or null.</param>
public sealed record RuleTestCase(string RuleFile, string CaseFolder, int ExpectedAlerts, long ActualAlerts, string? Error, string? SkipReason = null)
{
    /// <summary>The rule_id of the rule the case ran, or null when no single rule was run.</summary>
    public string? RuleId { get; init; }

    /// <summary>The name of the rule the case ran, or null when no single rule was run.</summary>
    public string? RuleName { get; init; }

    /// <summary>
    /// The files of the case, relative to its folder, that the hunt skipped as not CloudTrail JSON,
    /// such as a notes file. The line names them, so a case does not pass on fewer events than its author meant.
    /// </summary>
    public IReadOnlyList<string> NotRead { get; init; } = [];

    /// <summary>True when the case ran and raised the expected number of alerts.</summary>
    public bool Passed => Error is null && SkipReason is null && ExpectedAlerts == ActualAlerts;

    /// <summary>True when the case ran, or could not run, and did not give the expected count; a skipped case has not failed.</summary>
    public bool Failed => SkipReason is null && !Passed;

    /// <summary>
    /// Formats the case as <c>PASS|FAIL|SKIP case-folder, rule "name" (rule_id): expected N alerts, got M</c>
    /// or the reason, followed by the files not read as events. The rule is named because an export runs each case once for each of its rules.
    /// </summary>
    public override string ToString() =>
        $"{Status} {CaseFolder}{Rule}: " + (Error ?? SkipReason ?? $"expected {ExpectedAlerts} {Alerts(ExpectedAlerts)}, got {ActualAlerts}{NotReadNote}");

    private string NotReadNote => NotRead.Count == 0
        ? ""
        : $"; not read, as not CloudTrail JSON: {string.Join(", ", NotRead)}";

    private string Rule => RuleId is null ? "" : $", rule \"{RuleName}\" ({RuleId})";

    private string Status
    {
        get
        {
            if (Passed)
            {
                return "PASS";
            }

            return Failed ? "FAIL" : "SKIP";
        }
    }

    private static string Alerts(long count) => count == 1 ? "alert" : "alerts";
}
