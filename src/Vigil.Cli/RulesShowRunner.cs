using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Lint;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules show</c>.</summary>
internal static class RulesShowRunner
{
    /// <summary>The time zone Kibana's detection engine passes as <c>dateFormatTZ</c>.</summary>
    private const string DetectionEngineTimeZone = "Zulu";

    /// <summary>The number of rule_ids an unknown --rule-id error lists, so a large export stays readable.</summary>
    private const int MaxListedRuleIds = 5;

    /// <summary>
    /// Prints the rules of one file. Several rules print as NDJSON with <c>--format kibana</c> or
    /// <c>--dsl</c> (one compact JSON object per line) and as docs pages separated by <c>---</c>
    /// with <c>--format markdown</c>. A detection-rules TOML file contains exactly one rule, so
    /// several rules in TOML are rejected: <paramref name="ruleId"/> picks one of them.
    /// </summary>
    public static int Show(string path, string format, bool dsl, string? ruleId = null)
    {
        var loaded = ruleId is null ? Load([path]) : LoadForRuleId(path, ruleId);
        if (loaded is null)
        {
            return RulesExitCodes.RuleErrors;
        }

        var rules = ruleId is null ? loaded : loaded.Where(rule => rule.RuleId == ruleId).ToList();
        if (rules.Count == 0)
        {
            return RuleIdNotFound(path, ruleId!, loaded);
        }

        if (ruleId is not null && rules.Count > 1)
        {
            var picked = PickRevision(path, ruleId, rules);
            if (picked is null)
            {
                return RulesExitCodes.RuleErrors;
            }

            rules = [picked];
        }

        if (rules.Count > 1 && !dsl && format == "toml")
        {
            return UsageError($"{path} contains {rules.Count} rules, and a detection-rules TOML file contains one: pick one with --rule-id, print them all with --format kibana (NDJSON, one rule per line), or write one TOML file per rule with 'vigil rules convert {path} --to toml --output DIR'");
        }

        return rules.Count == 1 ? ShowOne(rules[0], format, dsl) : ShowMany(rules, format, dsl);
    }

    /// <summary>
    /// Returns the newest revision of <paramref name="ruleId"/>, which hunt and serve run when they can, and names on stderr
    /// the copies left out. Copies of the same revision give no such revision, so the error names
    /// their lines and null is returned. That error is in the file, not the command line, so it
    /// has no help line.
    /// </summary>
    private static DetectionRule? PickRevision(string path, string ruleId, IReadOnlyList<DetectionRule> copies)
    {
        var locations = string.Join(", ", copies.Select(SupersededRevision.Location));
        var (newest, superseded) = NewestRevisions.Select(copies);
        if (newest.Count > 1)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"vigil rules show: {path} contains {copies.Count} rules with rule_id \"{ruleId}\", at {locations}, and {newest.Count} of them are copies of the same revision: hunt runs them all, serve runs only the first in path order, and Kibana's import rejects them; remove all but one copy, or set a higher version on the one to keep"));
            return null;
        }

        var reasons = string.Join("; ", superseded.Select(revision => $"{SupersededRevision.Location(revision.Rule)} skipped: {revision.Reason}"));
        var role = superseded[0].KeptCannotRun is null ? "the revision hunt and serve run" : "the newest revision, which hunt and serve cannot run";
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil rules show: {path} contains {copies.Count} rules with rule_id \"{ruleId}\", at {locations}; showing {SupersededRevision.Location(newest[0])}, {role} ({reasons})"));
        return newest[0];
    }

    private static int ShowOne(DetectionRule rule, string format, bool dsl)
    {
        if (dsl)
        {
            return WriteDsl(rule, indented: true) ? ExitCodes.Success : RulesExitCodes.RuleErrors;
        }

        Console.Out.Write(RulesTerminalText.SanitizeBlock(Render(rule, format)));
        return ExitCodes.Success;
    }

    private static int ShowMany(IReadOnlyList<DetectionRule> rules, string format, bool dsl)
    {
        var status = ExitCodes.Success;
        for (var index = 0; index < rules.Count; index++)
        {
            if (dsl)
            {
                status = WriteDsl(rules[index], indented: false) ? status : RulesExitCodes.RuleErrors;
            }
            else if (format == "kibana")
            {
                Console.Out.WriteLine(TerminalText.Sanitize(KibanaRuleJson.Write(rules[index]).ToJsonString()));
            }
            else
            {
                Console.Out.Write(index > 0 ? $"{Environment.NewLine}---{Environment.NewLine}{Environment.NewLine}" : "");
                Console.Out.Write(RulesTerminalText.SanitizeBlock(DocsPageMarkdown.Write(rules[index])));
            }
        }

        return status;
    }

    /// <summary>
    /// Prints that <paramref name="path"/> has no rule with <paramref name="ruleId"/>, with the nearest
    /// rule_ids of the file or else the first of them. A rule_id the file lacks is a rule not found, as
    /// in the store commands, not an invalid command line, so no usage line follows.
    /// </summary>
    private static int RuleIdNotFound(string path, string ruleId, IReadOnlyList<DetectionRule> loaded)
    {
        // An export with several revisions or copies of a rule lists its rule_id once.
        var ruleIds = loaded.Select(rule => rule.RuleId).Distinct(StringComparer.Ordinal).ToList();
        var nearest = EditDistance.Nearest(ruleId, ruleIds);
        var listed = string.Join(", ", ruleIds.Take(MaxListedRuleIds)) + (ruleIds.Count > MaxListedRuleIds ? ", ..." : "");
        var fix = nearest.Count > 0 ? $"did you mean {string.Join(" or ", nearest)}?" : $"give one of its rule_ids: {listed}";
        Console.Error.WriteLine(TerminalText.Sanitize($"vigil rules show: {path} has no rule with rule_id \"{ruleId}\"; {fix}"));
        return RulesExitCodes.RuleNotFound;
    }

    private static int UsageError(string message) => Cli.UsageError.Write("rules show", message);

    private static bool WriteDsl(DetectionRule rule, bool indented)
    {
        if (rule.Language != "kuery")
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"{rule.SourcePath}: rule {rule.RuleId} is written in {rule.Language ?? "no query language"}; --dsl translates KQL (kuery) queries only."));
            return false;
        }

        var translated = KqlDsl.ToElasticsearchQuery(rule.Query ?? "", FieldMapping.CloudTrail, new KqlDslOptions { TimeZone = DetectionEngineTimeZone });
        if (!translated.Success)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"{rule.SourcePath}: {translated.Error}"));
            return false;
        }

        var combined = RuleSearchDsl.Build(rule, translated.Query!, out var filterError);
        if (combined is null)
        {
            Console.Error.WriteLine(TerminalText.Sanitize($"{rule.SourcePath}: rule {rule.RuleId}: {filterError}"));
            return false;
        }

        Console.Out.WriteLine(combined.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = indented }));
        return true;
    }

    private static string Render(DetectionRule rule, string format) => format switch
    {
        "kibana" => KibanaRuleJson.Write(rule).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine,
        "markdown" => DocsPageMarkdown.Write(rule),
        _ => TomlRuleWriter.Write(rule),
    };

    /// <summary>Loads the rules, printing every load error; null when any file has an error or no rule was found.</summary>
    public static IReadOnlyList<DetectionRule>? Load(IReadOnlyList<string> paths)
    {
        var rules = LoadPrintingErrors(paths, out var hasErrors);
        return !hasErrors && rules.Count > 0 ? rules : null;
    }

    /// <summary>
    /// Loads the rules of <paramref name="path"/> for <c>--rule-id</c>, printing every load error.
    /// A broken rule elsewhere in an export does not hide the rule picked. Returns null when no rule
    /// loaded, or when the rule picked did not load and so may be among the broken ones.
    /// </summary>
    private static IReadOnlyList<DetectionRule>? LoadForRuleId(string path, string ruleId)
    {
        var rules = LoadPrintingErrors([path], out var hasErrors);
        if (rules.Count == 0 || (hasErrors && !rules.Any(rule => rule.RuleId == ruleId)))
        {
            return null;
        }

        return rules;
    }

    /// <summary>Loads the rules that are valid, printing every load error.</summary>
    private static IReadOnlyList<DetectionRule> LoadPrintingErrors(IReadOnlyList<string> paths, out bool hasErrors)
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

        hasErrors = loaded.Errors.Count > 0;
        return loaded.Rules;
    }
}
