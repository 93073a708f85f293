using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Lint;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules lint</c>: loads the rules, lints each and writes the findings.</summary>
internal static class RulesLintRunner
{
    public static int Run(IReadOnlyList<string> paths, string format)
    {
        var loaded = RuleLoader.LoadPaths(paths);
        foreach (var error in loaded.Errors)
        {
            Console.Error.WriteLine(TerminalText.Sanitize(error.ToString()));
        }

        foreach (var warning in loaded.Warnings)
        {
            Console.Error.WriteLine(TerminalText.Sanitize(warning.ToString()));
        }

        var findings = loaded.Rules.SelectMany(RuleLinter.Lint).Concat(RuleLinter.LintSet(loaded.Rules)).ToList();

        // Machine-readable reports carry the load errors and the skipped files too, so a tool that
        // reads only them never takes a file it could not read for a clean one. The text report has
        // them on stderr above.
        var skipped = loaded.Warnings.Where(warning => warning.IsSkippedFile).Select(Skipped).ToList();
        var reported = format == "text" ? findings : [.. loaded.Errors.Select(NotLoaded), .. findings];
        // A clean text lint prints nothing on stdout, and the summary line on stderr reports the clean result.
        if (format != "text" || findings.Count > 0)
        {
            Console.Out.WriteLine(format switch
            {
                "json" => LintReport.ToJson([.. reported, .. skipped]),
                "sarif" => LintReport.ToSarif(reported, skipped),
                _ => string.Join(Environment.NewLine, findings.Select(finding => TerminalText.Sanitize(finding.ToString()))),
            });
        }

        if (loaded.Rules.Count == 0 && loaded.Errors.Count == 0)
        {
            return UsageError.Write("rules lint", "no rules found: name detection-rules TOML, Kibana rule JSON or export NDJSON files, or folders that hold them.");
        }

        // Load errors are findings too: a file that was not read must not look like a clean lint. A
        // folder or path that gave no file is counted as validate counts it, not as a file's load error.
        var skippedCount = skipped.Count > 0 ? $", {RulesText.Count(skipped.Count, "file")} skipped" : "";
        var notRead = RulePathsNotRead.Counts(loaded.Errors) + skippedCount;
        var fileErrors = loaded.Errors.Count(RulePathsNotRead.IsFileError);
        var notLoaded = fileErrors == 0 ? "" : $", and {RulesText.Count(fileErrors, "load error")} above";

        // A skipped file is a VR024 warning in every format: on stderr in text, in the JSON report, and
        // as a SARIF notification of level warning, so the summary counts it as one.
        var warnings = Count(findings, LintSeverity.Warning) + skipped.Count;
        Console.Error.WriteLine($"{RulesText.Count(loaded.Rules.Count, "rule")} linted{notRead}: {RulesText.Count(Count(findings, LintSeverity.Error), "error")}, {RulesText.Count(warnings, "warning")}, {Count(findings, LintSeverity.Info)} info{notLoaded}");
        return loaded.Errors.Count > 0 || findings.Any(finding => finding.Severity == LintSeverity.Error)
            ? RulesExitCodes.RuleErrors
            : ExitCodes.Success;
    }

    private static LintFinding NotLoaded(RuleLoadError error) =>
        new(LintIds.NotLoaded, LintSeverity.Error, error.RuleId ?? "", error.File, error.Line, error.Column, null, error.Message, "fix the file or folder so that it loads, then lint it again") { RuleName = error.RuleName ?? "" };

    private static LintFinding Skipped(RuleWarning warning) =>
        new(LintIds.FileSkipped, LintSeverity.Warning, "", warning.File, null, null, null, RuleFiles.NotRegularProblem, RuleFiles.NotRegularFix);

    private static int Count(IEnumerable<LintFinding> findings, LintSeverity severity) =>
        findings.Count(finding => finding.Severity == severity);
}
