using Vigil.Detect.Rules.Testing;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules test</c>: runs the cases beside each rule and prints one line per case.</summary>
internal static class RulesTestRunner
{
    public static int Run(IReadOnlyList<string> paths)
    {
        var report = RuleTestRunner.RunAll(paths);
        var cases = report.Cases;
        foreach (var result in cases)
        {
            Console.Out.WriteLine(TerminalText.Sanitize(result.ToString()));
        }

        foreach (var file in report.FilesWithoutCases)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil rules test: warning: {file}"));
        }

        var failed = cases.Count(result => result.Failed);
        var skipped = cases.Count(result => result.SkipReason is not null);
        Console.Error.WriteLine($"{RulesText.Count(cases.Count, "rule test case")}: {cases.Count - failed - skipped} passed, {failed} failed, {skipped} skipped");

        // As pytest fails a run that collects no test, a run that found no case has checked nothing.
        if (cases.Count == 0)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil rules test: no test cases found in {string.Join(", ", paths)}: add NAME.tests/CASE/ beside each rule NAME.toml or NAME.ndjson, with CloudTrail event files and {RuleTestRunner.ExpectedFile} such as {{\"alerts\": 1}}"));
            return RulesExitCodes.RuleErrors;
        }

        return failed == 0 ? ExitCodes.Success : RulesExitCodes.RuleErrors;
    }
}
