using Vigil.Detect.Rules;
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

        foreach (var warning in result.Warnings)
        {
            Console.Out.WriteLine(TerminalText.Sanitize(warning.ToString()));
        }

        if (result.RuleCount == 0 && result.Errors.Count == 0)
        {
            return UsageError.Write("rules validate", "no rules found: name detection-rules TOML, Kibana rule JSON or export NDJSON files, or folders that hold them.");
        }

        Console.Error.WriteLine(Summary(result));
        return result.Errors.Count == 0 ? ExitCodes.Success : RulesExitCodes.RuleErrors;
    }

    /// <summary>
    /// Returns <c>232 rules in 232 files: 229 valid, 3 errors in 3 files, 1 warning</c>. A folder
    /// that could not be listed, or a path that could not be read, is not a file, so it is counted
    /// after the files read (<c>0 rules in 0 files, 1 folder could not be listed: 0 valid, 0 errors</c>),
    /// not as an error in a file.
    /// </summary>
    private static string Summary(RuleLoadResult result)
    {
        var fileErrors = result.Errors.Where(RulePathsNotRead.IsFileError).ToList();
        var errorFiles = fileErrors.Select(error => error.File).Distinct(StringComparer.Ordinal).Count();
        var errors = RulesText.Count(fileErrors.Count, "error") + (errorFiles > 0 ? $" in {RulesText.Count(errorFiles, "file")}" : "");

        var notRead = RulePathsNotRead.Counts(result.Errors);

        var warnings = result.Warnings.Count > 0 ? ", " + RulesText.Count(result.Warnings.Count, "warning") : "";
        return $"{RulesText.Count(result.RuleCount, "rule")} in {RulesText.Count(result.FileCount, "file")}{notRead}: {result.Rules.Count} valid, {errors}{warnings}";
    }
}
