using Vigil.Detect.Rules.Validation;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules validate</c>.</summary>
internal static class RulesValidateRunner
{
    public static int Run(IReadOnlyList<string> paths)
    {
        var result = RuleValidator.ValidatePaths(paths);
        foreach (var error in result.Errors)
        {
            Console.Out.WriteLine(TerminalText.Sanitize(error.ToString()));
        }

        Console.Error.WriteLine($"{result.Rules.Count} valid rules, {result.Errors.Count} errors");
        return result.Errors.Count == 0 ? ExitCodes.Success : RulesExitCodes.RuleErrors;
    }
}
