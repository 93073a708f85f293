using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;
using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules convert</c>.</summary>
internal static class RulesConvertRunner
{
    public static int Run(IReadOnlyList<string> paths, string to, string output)
    {
        // Checked before the rules load: an earlier output among the inputs would load as a copy of every rule.
        if (RulesConvertOutput.InputError(paths, to, output) is { } inputError)
        {
            return Usage(inputError);
        }

        var rules = RulesShowRunner.Load(paths);
        if (rules is null || HasInvalidRules(rules) || HasDuplicateRuleIds(rules))
        {
            return RulesExitCodes.RuleErrors;
        }

        // A failed write to standard output reaches Program, which reports it with exit code 3.
        try
        {
            return to == "kibana-ndjson" ? WriteNdjson(rules, output) : WriteToml(rules, output);
        }
        catch (Exception e) when (e is IOException and not StandardOutputException or UnauthorizedAccessException)
        {
            return Usage($"failed to write --output {output}: {e.Message.TrimEnd('.')}. Choose a writable path.");
        }
    }

    /// <summary>
    /// Prints the errors <c>rules validate</c> gives a loaded rule, such as a <c>from</c> that is not
    /// before <c>to</c>, and returns true when there is one, so no invalid rule is written.
    /// </summary>
    private static bool HasInvalidRules(IReadOnlyList<DetectionRule> rules)
    {
        var errors = rules.SelectMany(RuleValidator.Validate).ToList();
        foreach (var error in errors)
        {
            Console.Error.WriteLine(TerminalText.Sanitize(error.ToString()));
        }

        return errors.Count > 0;
    }

    /// <summary>
    /// Prints the rule_id conflicts in the words of <c>rules validate</c>, and returns true when two
    /// rules share a rule_id and revision. Kibana's import rejects such a file, and a TOML folder
    /// would hold both copies.
    /// </summary>
    private static bool HasDuplicateRuleIds(IReadOnlyList<DetectionRule> rules)
    {
        var conflicts = RuleIdConflicts.Find(rules);
        foreach (var error in conflicts.Errors)
        {
            Console.Error.WriteLine(TerminalText.Sanitize(error.ToString()));
        }

        foreach (var warning in conflicts.Warnings)
        {
            Console.Error.WriteLine(TerminalText.Sanitize(warning.ToString()));
        }

        return conflicts.Errors.Count > 0;
    }

    private static int WriteNdjson(IReadOnlyList<DetectionRule> rules, string output)
    {
        // "-" is standard output, as for hunt --output and convert --output.
        if (output == "-")
        {
            Console.Out.Write(KibanaNdjson.Write(rules));
            Console.Error.WriteLine($"wrote {RulesText.Count(rules.Count, "rule")} to stdout");
            return ExitCodes.Success;
        }

        if (Directory.Exists(output))
        {
            return Usage($"--output {output} is a folder; --to kibana-ndjson writes one file, so name a file such as {Path.Combine(output, "rules.ndjson")}");
        }

        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } parent && !Directory.Exists(parent))
        {
            return Usage($"--output {output}: the folder {parent} does not exist; create it or name a file in an existing folder");
        }

        if (RulesConvertOutput.Write(output, KibanaNdjson.Write(rules), output) is { } failed)
        {
            return failed;
        }

        Console.Error.WriteLine($"wrote {RulesText.Count(rules.Count, "rule")} to {TerminalText.Sanitize(output)}");
        return ExitCodes.Success;
    }

    private static int WriteToml(IReadOnlyList<DetectionRule> rules, string output)
    {
        if (output == "-")
        {
            return Usage("--output -: --to toml writes one file per rule into a folder, so name a folder; use --to kibana-ndjson for standard output");
        }

        if (File.Exists(output))
        {
            return Usage($"--output {output} is a file; --to toml writes one file per rule into a folder, so name a folder");
        }

        // Names are chosen before anything is written, so that a clash with a rule file stops the
        // conversion before it has overwritten any file.
        var sources = SourceIdentities(rules);
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var targets = rules.Select(rule => (Rule: rule, Path: Path.Combine(output, RulesTomlFileNames.Unique(rule, written)))).ToList();
        foreach (var target in targets)
        {
            if (InputAt(sources, target.Path) is { } input)
            {
                return Usage($"--output {output} would overwrite the rule file {input} with {Path.GetFileName(target.Path)}; name a new folder");
            }
        }

        Directory.CreateDirectory(output);
        var today = DateOnly.FromDateTime(DateTime.Now);
        foreach (var (rule, path) in targets)
        {
            var dated = RequiredMetadataDates.Complete(rule, today, out var setToToday);
            if (RulesConvertOutput.Write(path, TomlRuleWriter.Write(dated), output) is { } failed)
            {
                return failed;
            }

            if (setToToday.Count > 0)
            {
                Console.Error.WriteLine(TerminalText.Sanitize(TodayNote(rule, path, setToToday, today)));
            }
        }

        Console.Error.WriteLine($"wrote {RulesText.Count(rules.Count, "TOML file")} to {TerminalText.Sanitize(output)}");
        return ExitCodes.Success;
    }

    /// <summary>Returns the warning for a converted rule whose [metadata] got today's date, because the rule gave no date to use.</summary>
    private static string TodayNote(DetectionRule rule, string path, IReadOnlyList<string> keys, DateOnly today)
    {
        var missing = string.Join(" or ", keys);
        var kibanaKeys = string.Join(" or ", keys.Select(key => key == RequiredMetadataDates.CreationKey ? "created_at" : "updated_at"));
        var day = today.ToString("yyyy/MM/dd", System.Globalization.CultureInfo.InvariantCulture);
        return $"warning: {SupersededRevision.Location(rule)}: rule \"{rule.Name}\" ({rule.RuleId}) has no {missing} and no {kibanaKeys}, "
            + $"so {path} gets today's date, {day}, as {string.Join(" and ", keys)}; detection-rules requires both dates, so set the days the rule was created and last changed";
    }

    /// <summary>
    /// Returns the rule file that <paramref name="path"/> is, by device and inode, so that a link
    /// to it counts too, or null when the path is no rule's source or does not exist yet.
    /// </summary>
    private static string? InputAt(Dictionary<FileIdentity, string> sources, string path) =>
        FileIdentity.OfPath(path) is { } target ? sources.GetValueOrDefault(target) : null;

    /// <summary>Returns the rules' source files by their device and inode, each looked up once.</summary>
    private static Dictionary<FileIdentity, string> SourceIdentities(IReadOnlyList<DetectionRule> rules)
    {
        var sources = new Dictionary<FileIdentity, string>();
        foreach (var source in rules.Select(rule => rule.SourcePath).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (FileIdentity.OfPath(source) is { } identity)
            {
                sources.TryAdd(identity, source);
            }
        }

        return sources;
    }

    private static int Usage(string message) => UsageError.Write("rules convert", message);
}
