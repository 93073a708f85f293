using Microsoft.Extensions.Logging;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>The rules a hunt runs, and what of its rule paths failed to load, for the summary.</summary>
/// <param name="Rules">The rules that loaded.</param>
/// <param name="RulesNotLoaded">The rules behind the load errors of rule files.</param>
/// <param name="FoldersNotListed">The rule folders that could not be listed, counted apart from the rules.</param>
internal sealed record HuntRules(IReadOnlyList<DetectionRule> Rules, int RulesNotLoaded, int FoldersNotListed)
{
    /// <summary>
    /// Loads the rules of <paramref name="paths"/>, or the built-in rules without paths, and logs
    /// each load error. Returns null, with <paramref name="usageError"/>, when no rule loaded.
    /// </summary>
    public static HuntRules? Load(IReadOnlyList<string> paths, ILogger logger, out string usageError)
    {
        usageError = "";
        if (paths.Count == 0)
        {
            return new HuntRules(BuiltInRules.All, 0, 0);
        }

        var missing = paths.FirstOrDefault(path => !File.Exists(path) && !Directory.Exists(path));
        if (missing is not null)
        {
            usageError = Read.PathAccess.Denied(missing) is { } denied
                ? $"rules path {missing} could not be read ({denied.TrimEnd('.')}); check the permissions of its folders."
                : $"rules path not found: {missing}. Give a rule file or a folder of rule files.";
            return null;
        }

        var loaded = RuleWindowCheck.RejectInvalid(RuleLoader.LoadPaths(paths));
        foreach (var error in loaded.Errors)
        {
            if (error.IsFolder)
            {
                CliLog.RuleFolderNotListed(logger, TerminalText.Sanitize(error.ToString()));
            }
            else
            {
                CliLog.RuleNotLoaded(logger, TerminalText.Sanitize(error.ToString()));
            }
        }

        foreach (var warning in loaded.Warnings)
        {
            CliLog.RuleFileSkipped(logger, TerminalText.Sanitize(warning.File), warning.Message);
        }

        WarnDuplicateRuleIds(loaded.Rules, logger);

        if (loaded.Rules.Count == 0)
        {
            // A folder of rules that all failed, or that could not be listed, may well contain TOML
            // files, so the hint about the expected files is only given when nothing failed.
            usageError = loaded.Errors.Count > 0
                ? $"no rules loaded from {string.Join(", ", paths)}; the warnings above give the reasons. Fix what they name and run the hunt again."
                : $"no rules loaded from {string.Join(", ", paths)}: expected detection-rules TOML files (*.toml) or Kibana exports (*.ndjson) in a folder, or a Kibana rule JSON file given by name.";
            return null;
        }

        var fileErrors = loaded.Errors.Where(error => !error.IsFolder).ToList();
        return new HuntRules(loaded.Rules, CountRulesNotLoaded(fileErrors), loaded.Errors.Count - fileErrors.Count);
    }

    /// <summary>
    /// Counts the rules behind the load errors: one per line of a Kibana export, which contains one rule
    /// per line, and one per other rule file, which may report several errors for its one rule.
    /// </summary>
    private static int CountRulesNotLoaded(IReadOnlyList<RuleLoadError> errors) =>
        errors
            .Select(e => e.File.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? $"{e.File}({e.Line})" : e.File)
            .Distinct(StringComparer.Ordinal)
            .Count();

    /// <summary>
    /// Warns about each rule that shares its <c>rule_id</c> with another. Kibana keeps one rule per
    /// <c>rule_id</c>, so an older revision is skipped, and the hunt summary counts it as a skipped rule.
    /// Copies of the newest revision all run, and their alerts share <c>kibana.alert.rule.uuid</c>.
    /// </summary>
    private static void WarnDuplicateRuleIds(IReadOnlyList<DetectionRule> rules, ILogger logger)
    {
        var (newest, superseded) = NewestRevisions.Select(rules);
        foreach (var revision in superseded)
        {
            CliLog.RuleRevisionSkipped(logger, TerminalText.Sanitize(SupersededRevision.Location(revision.Rule)), TerminalText.Sanitize(revision.Reason), revision.Fix);
        }

        foreach (var group in newest.GroupBy(r => r.RuleId).Where(g => g.Count() > 1))
        {
            var files = string.Join(", ", group.Select(SupersededRevision.Location));
            CliLog.DuplicateRuleId(logger, TerminalText.Sanitize(group.Key), group.Count(), TerminalText.Sanitize(files));
        }
    }
}
