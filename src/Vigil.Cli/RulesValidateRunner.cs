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

        if (result.Rules.Count == 0 && result.Errors.Count == 0)
        {
            Console.Error.WriteLine("no rules found: name detection-rules TOML, Kibana rule JSON or export NDJSON files, or folders that hold them");
            return ExitCodes.Usage;
        }

        var files = result.Errors.Select(error => error.File).Distinct(StringComparer.Ordinal).Count();
        Console.Error.WriteLine($"{RulesText.Count(result.Rules.Count, "valid rule")}, {RulesText.Count(result.Errors.Count, "error")}{(files > 0 ? $" in {RulesText.Count(files, "file")}" : "")}");
        return result.Errors.Count == 0 ? ExitCodes.Success : RulesExitCodes.RuleErrors;
    }
}
