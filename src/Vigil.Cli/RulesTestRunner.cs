using Vigil.Detect.Rules.Testing;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules test</c>: runs the cases beside each rule and prints one line per case.</summary>
internal static class RulesTestRunner
{
    public static int Run(IReadOnlyList<string> paths)
    {
        var cases = RuleTestRunner.Run(paths);
        foreach (var result in cases)
        {
            Console.Out.WriteLine(TerminalText.Sanitize(result.ToString()));
        }

        var failed = cases.Count(result => result.Failed);
        var skipped = cases.Count(result => result.SkipReason is not null);
        Console.Error.WriteLine($"{RulesText.Count(cases.Count, "rule test case")}: {cases.Count - failed - skipped} passed, {failed} failed, {skipped} skipped");
        return failed == 0 ? ExitCodes.Success : RulesExitCodes.RuleErrors;
    }
}
