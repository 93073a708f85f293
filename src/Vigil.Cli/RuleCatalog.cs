using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>Loads the rules a scheduler runs: rule files, the built-in rules, or the files its registry names.</summary>
internal static class RuleCatalog
{
    /// <summary>
    /// Returns the usage error for the first path of <paramref name="paths"/> that does not exist or
    /// that a folder on the way keeps Vigil from reaching, or null when every path exists.
    /// </summary>
    public static string? MissingPathError(IReadOnlyList<string> paths)
    {
        var missing = paths.FirstOrDefault(path => !File.Exists(path) && !Directory.Exists(path));
        if (missing is null)
        {
            return null;
        }

        return Read.PathAccess.Denied(missing) is { } denied
            ? $"--rules: path {missing} could not be read ({denied.TrimEnd('.')}); check the permissions of its folders."
            : $"--rules: path not found: {missing}. Give a detection-rules TOML file or a folder of them.";
    }

    /// <summary>Returns the usage error for <paramref name="paths"/> when no rule loaded from them.</summary>
    public static string NoRulesError(IReadOnlyList<string> paths, bool hadLoadErrors) =>
        // A folder of rules that all failed, or that could not be listed, may well contain TOML
        // files, so the hint about the expected files is only given when nothing failed.
        hadLoadErrors
            ? $"--rules: no rules loaded from {string.Join(", ", paths)}; the warnings above give the reasons. Fix what they name and run 'vigil serve' again."
            : $"--rules: no rules loaded from {string.Join(", ", paths)}: expected detection-rules TOML files (*.toml) or Kibana exports (*.ndjson) in a folder, or a Kibana rule JSON file given by name.";

    /// <summary>
    /// Registers again every rule the registry holds, read from its source file or from the built-in
    /// rules, so that status and manual runs see it loaded. A rule whose file is gone stays
    /// registered and is reported as not loaded, and one whose file is now invalid keeps its revision.
    /// </summary>
    public static void LoadRegistered(RuleScheduler scheduler, Action<string> reportError, bool register = true)
    {
        var files = new Dictionary<string, IReadOnlyList<DetectionRule>>(StringComparer.Ordinal);
        foreach (var status in scheduler.Status())
        {
            var candidates = status.SourceFile is null ? BuiltInRules.All : LoadFile(files, status.SourceFile, reportError);
            if (Select(status, candidates) is not { } rule)
            {
                continue;
            }

            // A file edited into an invalid rule is attached, not registered, so it raises no
            // revision. Its status gives the reason it cannot run, and the fixed file registers again.
            if (register && RuleValidator.Validate(rule).Count == 0)
            {
                scheduler.Reload(rule);
            }
            else
            {
                scheduler.Attach(rule);
            }
        }
    }

    /// <summary>
    /// Reads the rule that a registered rule runs from its file or the built-in rules, or returns
    /// null when the file is gone or no longer contains the rule.
    /// </summary>
    public static DetectionRule? ReadRegistered(RuleStatus status)
    {
        if (status.SourceFile is null)
        {
            return Select(status, BuiltInRules.All);
        }

        return File.Exists(status.SourceFile)
            ? Select(status, RuleLoader.LoadPaths([status.SourceFile]).Rules)
            : null;
    }

    /// <summary>
    /// Returns the rule a registration runs among the rules of its file, under the registration's
    /// saved-object id: the newest revision of its <c>rule_id</c> (an export may hold several), or
    /// else the rule with its id, whose <c>rule_id</c> was edited. Returns null when there is neither.
    /// </summary>
    private static DetectionRule? Select(RuleStatus status, IReadOnlyList<DetectionRule> rules)
    {
        var revisions = rules.Where(rule => rule.RuleId == status.RuleId).ToList();
        if (revisions.Count == 0)
        {
            revisions = [.. rules.Where(rule => rule.Uuid == status.RuleUuid)];
        }

        if (revisions.Count == 0)
        {
            return null;
        }

        var newest = NewestRevisions.Select(revisions).Rules[0];
        return newest.Uuid == status.RuleUuid ? newest : newest.WithUuid(status.RuleUuid);
    }

    /// <summary>
    /// Finds a registered rule by <c>rule_id</c>, saved-object id or name, or by a rule file or a
    /// built-in rule, which are registered first. Registering keeps a disabled rule disabled, and a
    /// new rule starts enabled. A file whose revision is older than the registered revision of its
    /// <c>rule_id</c>, or whose order against it is undecided, is registered only when
    /// <paramref name="replace"/> is true.
    /// </summary>
    public static RuleStatus? Find(RuleScheduler scheduler, string rule, bool replace, out RuleLookupError? error)
    {
        error = null;
        if (File.Exists(rule))
        {
            return FindFile(scheduler, rule, replace, out error);
        }

        if (replace)
        {
            error = RuleLookupError.Usage($"--replace: \"{rule}\" is not a rule file, and --replace applies only to a rule file, which it registers in place of a newer registered revision. Give the file, or leave out --replace to use the registered rule.");
            return null;
        }

        if (!scheduler.Status().Any(s => Names(s.RuleId, s.RuleUuid, s.Name, rule))
            && BuiltInRules.All.FirstOrDefault(r => Names(r.RuleId, r.Uuid, r.Name, rule)) is { } builtIn)
        {
            scheduler.Register(builtIn);
        }

        var status = FindRegistered(scheduler.Status(), rule, out var notFound);
        if (status is null && Read.PathAccess.Denied(rule) is { } denied)
        {
            // A rule file behind a folder this user cannot enter does not exist for File.Exists.
            error = RuleLookupError.NotRegistered($"rule file {rule} could not be read ({denied.TrimEnd('.')}); check the permissions of its folders, or run the command as a user who can read it.");
            return null;
        }

        error = status is null ? RuleLookupError.NotFound(notFound) : null;
        return status;
    }

    /// <summary>Registers the rule of one file and returns its status, or returns null with the reason it was not registered.</summary>
    private static RuleStatus? FindFile(RuleScheduler scheduler, string file, bool replace, out RuleLookupError? error)
    {
        error = null;
        var loaded = LoadOneFile(file, out var invalid);
        if (loaded is null)
        {
            error = RuleLookupError.NotRegistered(invalid);
            return null;
        }

        // An export with several revisions of one rule names that rule, so its newest revision runs.
        var (newest, superseded) = NewestRevisions.Select(loaded, ScheduledRule.CannotRunReason);
        if (newest.Count > 1)
        {
            error = RuleLookupError.NotRegistered($"{file} contains {loaded.Count} rules; give one of their rule_id values instead");
            return null;
        }

        foreach (var revision in superseded)
        {
            SchedulerSession.ReportRevisionSkipped(revision);
        }

        var rule = newest[0];
        if (!RuleRegistrationCheck.IsValid(scheduler, file, rule, out invalid))
        {
            error = RuleLookupError.NotRegistered(invalid);
            return null;
        }

        // The session loaded each registered rule from its file, so that is the revision compared.
        var conflict = RegisteredRevisionConflict.Find(scheduler, rule, status => scheduler.LoadedDefinition(status.RuleUuid));
        if (conflict is not null && !replace)
        {
            error = RuleLookupError.NotRegistered(RegisteredRevisionText.Rejected(conflict));
            return null;
        }

        return scheduler.Register(rule);
    }

    /// <summary>
    /// Finds a registered rule by <c>rule_id</c>, saved-object id or unique name, or returns null
    /// with an error for a rule not found and for a name that several rules share.
    /// </summary>
    public static RuleStatus? FindRegistered(IReadOnlyList<RuleStatus> statuses, string rule, out string error)
    {
        error = "";
        var matches = Matches(statuses, rule);
        if (matches.Count == 1)
        {
            return matches[0];
        }

        var ruleIds = matches.Select(m => m.RuleId).Distinct(StringComparer.Ordinal).ToList();
        error = (matches.Count, ruleIds.Count) switch
        {
            (0, _) => $"rule \"{rule}\" not found: give a rule_id or name as 'vigil rules status' lists them",
            (_, 1) => RegisteredRevisionText.Duplicated(matches),
            _ => $"rule name \"{rule}\" is used by {ruleIds.Count} rules; give one of their rule_id values: {string.Join(", ", ruleIds)}",
        };
        return null;
    }

    /// <summary>
    /// Finds the <c>rule_id</c> of a registered rule as <see cref="FindRegistered"/> does, but also
    /// returns it when a store written by an older Vigil registers it several times, because the
    /// alerts of all those registrations carry that <c>rule_id</c>.
    /// </summary>
    public static string? FindRuleId(IReadOnlyList<RuleStatus> statuses, string rule, out string error)
    {
        var ruleIds = Matches(statuses, rule).Select(m => m.RuleId).Distinct(StringComparer.Ordinal).ToList();
        if (ruleIds.Count == 1)
        {
            error = "";
            return ruleIds[0];
        }

        return FindRegistered(statuses, rule, out error)?.RuleId;
    }

    private static List<RuleStatus> Matches(IReadOnlyList<RuleStatus> statuses, string rule)
    {
        var matches = statuses.Where(s => s.RuleId == rule || s.RuleUuid == rule).ToList();
        return matches.Count > 0 ? matches : [.. statuses.Where(s => string.Equals(s.Name, rule, StringComparison.Ordinal))];
    }

    private static bool Names(string ruleId, string uuid, string name, string rule) =>
        rule == ruleId || rule == uuid || rule == name;

    /// <summary>
    /// Loads the rules of one file named on the command line, or returns null with an error that
    /// gives the file's first problem and position, as validation words it.
    /// </summary>
    private static IReadOnlyList<DetectionRule>? LoadOneFile(string file, out string error)
    {
        error = "";
        var loaded = RuleLoader.LoadPaths([Path.GetFullPath(file)]);
        if (loaded.Rules.Count > 0 && loaded.Errors.Count == 0)
        {
            return loaded.Rules;
        }

        if (loaded.Errors.Count == 0)
        {
            error = $"{file} holds no rule: give a detection-rules TOML file or a Kibana rule export";
            return null;
        }

        var first = loaded.Errors[0];
        var more = loaded.Errors.Count > 1 ? $" Run 'vigil rules validate {file}' for the other {loaded.Errors.Count - 1}." : "";
        var reason = first.IsUnreadable || first.IsMissingPath ? "it could not be read" : "it is invalid";
        error = $"{file} not registered because {reason}: {first.ToString().TrimEnd('.')}.{more}";
        return null;
    }

    private static IReadOnlyList<DetectionRule> LoadFile(Dictionary<string, IReadOnlyList<DetectionRule>> files, string path, Action<string> reportError)
    {
        if (files.TryGetValue(path, out var rules))
        {
            return rules;
        }

        if (!File.Exists(path))
        {
            reportError($"rule file {path} not found; its rules stay registered but cannot run until it is back");
            rules = [];
        }
        else
        {
            var loaded = RuleLoader.LoadPaths([path]);
            foreach (var failure in loaded.Errors)
            {
                reportError(failure.ToString());
            }

            rules = loaded.Rules;
        }

        files[path] = rules;
        return rules;
    }
}
